// `edgesdk cache stats` and `edgesdk cache prune [--max-size SIZE]`: inspect and trim the machine-wide
// step cache (least recently used first). Prune without --max-size removes only stale temporary files
// and entries whose blobs are gone.
using System.CommandLine;
using System.Globalization;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>The <c>cache</c> command.</summary>
internal sealed class CacheCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Build()
    {
        var command = new Command("cache", "Inspect or trim the machine-wide step cache.");
        command.Subcommands.Add(BuildStats());
        command.Subcommands.Add(BuildPrune());
        return command;
    }

    private static Command BuildStats()
    {
        var options = new CacheOptions();
        var json = new Option<bool>("--json") { Description = "Print the statistics as JSON." };
        var command = new Command("stats", "Show the size and contents of the machine-wide step cache.") { json };
        options.AddTo(command, withRemote: false);
        command.SetAction(parse => CliOutput.Run(() =>
        {
            var stats = options.Resolve(parse).Statistics();
            if (parse.GetValue(json))
            {
                Console.WriteLine(StepCacheSettings.ToJson(stats));
                return 0;
            }

            Console.WriteLine($"cache:   {stats.Directory}");
            Console.WriteLine($"entries: {stats.Entries} steps, {stats.Blobs} blobs, {EdgeEngine.FormatSize(stats.Bytes)}");
            if (stats.OldestUse is { } oldest && stats.NewestUse is { } newest)
            {
                Console.WriteLine($"used:    {oldest.ToString("u", CultureInfo.InvariantCulture)} … {newest.ToString("u", CultureInfo.InvariantCulture)}");
            }

            return 0;
        }));
        return command;
    }

    private static Command BuildPrune()
    {
        var options = new CacheOptions();
        var maxSize = new Option<string?>("--max-size") { Description = "Remove least recently used entries until the cache holds at most this much (e.g. 500MB, 2GiB, 0)." };
        var command = new Command("prune", "Trim the machine-wide step cache, least recently used first.") { maxSize };
        options.AddTo(command, withRemote: false);
        command.SetAction(parse => CliOutput.Run(() =>
        {
            var result = options.Resolve(parse).Prune(parse.GetValue(maxSize), "--max-size");
            Console.WriteLine($"removed {result.RemovedFiles} files ({EdgeEngine.FormatSize(result.RemovedBytes)}); {result.After.Entries} steps, {result.After.Blobs} blobs, {EdgeEngine.FormatSize(result.After.Bytes)} remain in {result.After.Directory}");
            return 0;
        }));
        return command;
    }
}
