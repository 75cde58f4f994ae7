// Progress for the CLI: a single self-updating line on a terminal, plain throttled lines otherwise
// (so redirected output and CI logs are not flooded).
using EdgeSdk.Passes;

namespace EdgeSdk.Cli.Commands;

/// <summary>Writes progress to standard error.</summary>
internal sealed class ConsoleProgress : IProgress<ProgressUpdate>
{
    private readonly object _gate = new();
    private DateTime _last = DateTime.MinValue;

    /// <inheritdoc/>
    public void Report(ProgressUpdate value)
    {
        lock (_gate)
        {
            var interactive = !Console.IsErrorRedirected;
            var done = value.Total > 0 && value.Done >= value.Total;
            var now = DateTime.UtcNow;
            if (!done && now - _last < (interactive ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(5)))
            {
                return;
            }

            _last = now;
            var fraction = value.Total > 0 ? (double)value.Done / value.Total : 0;
            var bar = value.Total > 0 ? "[" + new string('#', (int)(fraction * 20)).PadRight(20) + "] " : string.Empty;
            var text = $"{value.Step} {bar}{value.Done}{(value.Total > 0 ? "/" + value.Total : string.Empty)} {value.Detail}";
            if (interactive)
            {
                Console.Error.Write("\r" + text.PadRight(Math.Max(0, Console.WindowWidth - 1)));
                if (done)
                {
                    Console.Error.WriteLine();
                }
            }
            else
            {
                Console.Error.WriteLine(text);
            }
        }
    }
}
