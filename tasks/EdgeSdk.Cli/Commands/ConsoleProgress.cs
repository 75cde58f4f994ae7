// Progress for the CLI: a self-updating bar on a terminal, plain throttled lines when standard error is
// redirected (so CI logs get a handful of lines per step, not one per batch).
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>Sets up the CLI's progress reporting.</summary>
internal static class ConsoleProgress
{
    /// <summary>Returns <paramref name="settings"/> reporting progress to standard error: a live bar on a terminal, throttled lines otherwise.</summary>
    public static RunSettings Apply(RunSettings settings) =>
        Console.IsErrorRedirected ? settings with { Progress = Console.Error.WriteLine } : settings with { LiveProgress = Bar };

    private static void Bar(ProgressReport update)
    {
        var fraction = update.Total > 0 ? Math.Clamp((double)update.Done / update.Total, 0, 1) : 0;
        var bar = update.Total > 0 ? "[" + new string('#', (int)(fraction * 24)).PadRight(24) + "] " : string.Empty;
        var text = $"{bar}{update.Text}";
        Console.Error.Write("\r" + text.PadRight(Math.Max(text.Length, Console.WindowWidth - 1)));
        if (update.Total > 0 && update.Done >= update.Total)
        {
            Console.Error.WriteLine();
        }
    }
}
