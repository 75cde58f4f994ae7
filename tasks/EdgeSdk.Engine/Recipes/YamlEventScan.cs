// Reads a YAML text's events once, enforcing YamlLimits before any node tree is built: YamlDotNet builds its
// representation model recursively (a file nested 100,000 deep overflows the stack) and expands aliases by
// reference (a 565-byte alias bomb makes every later walk exponential). The events that pass are replayed
// into YamlStream, so the tree is built from exactly what was checked.
using EdgeSdk.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EdgeSdk.Recipes;

/// <summary>Bounded event-level scan of a YAML text.</summary>
internal static class YamlEventScan
{
    /// <summary>
    /// Returns the events of <paramref name="text"/>, or throws <see cref="EdgeException"/> (EDGE1021–EDGE1023)
    /// located at the offending node. YamlDotNet's own syntax errors propagate as <see cref="YamlException"/>.
    /// </summary>
    public static List<ParsingEvent> Scan(string text, string path)
    {
        var events = new List<ParsingEvent>();
        var parser = new Parser(new StringReader(text));
        var open = new Stack<Frame>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        Mark last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.End;
                switch (e)
                {
                    case Scalar scalar:
                        if (scalar.Value.Length > YamlLimits.MaxScalarLength)
                        {
                            throw Fail(DiagnosticCatalog.Recipes.ScalarTooLong, $"This value is {scalar.Value.Length:N0} characters long; a recipe value may have at most {YamlLimits.MaxScalarLength:N0}. Shorten it (paths and names are short).", path, e.Start);
                        }

                        Add(1, e);
                        if (!scalar.Anchor.IsEmpty)
                        {
                            anchors[scalar.Anchor.Value] = 1;
                        }

                        break;
                    case AnchorAlias alias:
                        if (open.Any(f => f.Anchor == alias.Value.Value))
                        {
                            throw Fail(DiagnosticCatalog.Recipes.AliasExpansion, $"The alias '*{alias.Value.Value}' refers to the collection that contains it, which would make the recipe infinite. Write the value out.", path, e.Start);
                        }

                        Add(anchors.GetValueOrDefault(alias.Value.Value, 1), e);
                        break;
                    case MappingStart or SequenceStart:
                        Add(1, e);
                        open.Push(new Frame(((NodeEvent)e).Anchor.IsEmpty ? null : ((NodeEvent)e).Anchor.Value));
                        if (open.Count > YamlLimits.MaxDepth)
                        {
                            throw Fail(DiagnosticCatalog.Recipes.NestingTooDeep, $"Mappings and lists are nested more than {YamlLimits.MaxDepth} levels deep here; a recipe nests a few levels. Flatten the file.", path, e.Start);
                        }

                        break;
                    case MappingEnd or SequenceEnd when open.Count > 0:
                        var done = open.Pop();
                        if (done.Anchor is { } name)
                        {
                            anchors[name] = done.Count + 1;
                        }

                        if (open.Count > 0)
                        {
                            open.Peek().Count += done.Count;
                        }

                        break;
                }

                events.Add(e);
            }
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner fails this way on some unterminated flow collections instead of a YamlException.
            throw new EdgeException(DiagnosticCatalog.Recipes.YamlSyntax, $"Not valid YAML: the text after this point cannot be read ({ex.Message}). Check for an unclosed '{{' or '[' above.", Locate(path, last), ex);
        }

        return events;

        void Add(long nodes, ParsingEvent at)
        {
            total += nodes;
            if (open.Count > 0)
            {
                open.Peek().Count += nodes;
            }

            if (total > YamlLimits.MaxExpandedNodes)
            {
                throw Fail(DiagnosticCatalog.Recipes.AliasExpansion, $"The file's aliases expand to more than {YamlLimits.MaxExpandedNodes:N0} values (an alias bomb or a runaway file); a recipe holds a few dozen. Write the values out instead of nesting aliases.", path, at.Start);
            }
        }
    }

    private static EdgeException Fail(DiagnosticDescriptor code, string message, string path, Mark at) => new(code, message, Locate(path, at));

    private static SourceLocation Locate(string path, Mark at) => new(path, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column));

    /// <summary>An open collection: its anchor and the expanded node count of its children so far.</summary>
    private sealed class Frame(string? anchor)
    {
        public string? Anchor { get; } = anchor;

        public long Count { get; set; }
    }
}

/// <summary>Replays already-scanned events into YamlDotNet's representation model.</summary>
internal sealed class YamlEventReplay(IReadOnlyList<ParsingEvent> events) : IParser
{
    private int _next;

    /// <inheritdoc/>
    public ParsingEvent? Current { get; private set; }

    /// <inheritdoc/>
    public bool MoveNext()
    {
        if (_next >= events.Count)
        {
            Current = null;
            return false;
        }

        Current = events[_next++];
        return true;
    }
}
