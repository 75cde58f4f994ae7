// Progress for the CLI: a self-updating bar on a terminal, plain throttled lines when standard error is
// redirected (so CI logs get a handful of lines per step, not one per batch).
using EdgeSdk.Diagnostics;
using EdgeSdk.Evaluation;
using EdgeSdk.Passes;

namespace EdgeSdk.Cli.Commands;

/// <summary>Creates the CLI's progress reporter.</summary>
internal static class ConsoleProgress
{
    /// <summary>Creates a reporter writing to standard error.</summary>
    public static IProgress<ProgressUpdate> Create()
    {
        var interactive = !Console.IsErrorRedirected;
        return new ThrottledProgress(interactive ? Bar : Line, interactive ? ThrottledProgress.InteractiveInterval : ThrottledProgress.LogInterval);
    }

    private static void Line(ProgressUpdate update) => Console.Error.WriteLine(ThrottledProgress.Format(update));

    private static void Bar(ProgressUpdate update)
    {
        var fraction = update.Total > 0 ? Math.Clamp((double)update.Done / update.Total, 0, 1) : 0;
        var bar = update.Total > 0 ? "[" + new string('#', (int)(fraction * 24)).PadRight(24) + "] " : string.Empty;
        var text = $"{bar}{ThrottledProgress.Format(update)}";
        Console.Error.Write("\r" + text.PadRight(Math.Max(text.Length, Console.WindowWidth - 1)));
        if (update.Total > 0 && update.Done >= update.Total)
        {
            Console.Error.WriteLine();
        }
    }
}
