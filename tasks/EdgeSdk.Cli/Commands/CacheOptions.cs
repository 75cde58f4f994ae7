// The cache options shared by `edgesdk run` and `edgesdk cache`: the machine-wide cache folder, the
// remote cache URL and whether uploads are allowed. Unset options fall back to the EDGE_* environment
// variables (docs/caching.md), then to the per-user default folder.
using System.CommandLine;
using EdgeSdk.Api;

namespace EdgeSdk.Cli.Commands;

/// <summary>Cache-related command-line options.</summary>
internal sealed class CacheOptions
{
    /// <summary>Gets <c>--cache-dir</c>.</summary>
    public Option<string?> Directory { get; } = new("--cache-dir") { Description = "Machine-wide step cache folder (default: $EDGE_CACHE_DIR, else ~/.cache/edgesdk or %LOCALAPPDATA%\\EdgeSdk\\cache)." };

    /// <summary>Gets <c>--remote-cache</c>.</summary>
    public Option<string?> Remote { get; } = new("--remote-cache") { Description = "Remote cache URL speaking the HTTP cache protocol, e.g. http://cache:8080/edge (default: $EDGE_REMOTE_CACHE)." };

    /// <summary>Gets <c>--remote-cache-write</c>.</summary>
    public Option<string?> RemoteWrite { get; } = new("--remote-cache-write") { Description = "false: read from the remote cache but never upload (default: $EDGE_REMOTE_CACHE_WRITE, else true)." };

    /// <summary>Gets <c>--no-cache</c>.</summary>
    public Option<bool> Disabled { get; } = new("--no-cache") { Description = "Use neither the machine-wide nor the remote step cache." };

    /// <summary>Adds the options to <paramref name="command"/>; <paramref name="withRemote"/> adds the remote ones too.</summary>
    public void AddTo(Command command, bool withRemote)
    {
        command.Options.Add(Directory);
        if (withRemote)
        {
            command.Options.Add(Remote);
            command.Options.Add(RemoteWrite);
            command.Options.Add(Disabled);
        }
    }

    /// <summary>Resolves the settings from the parsed options and the environment, writing setting warnings to standard error.</summary>
    public StepCacheSettings Resolve(ParseResult parse) => StepCacheSettings.Resolve(
        new StepCacheRequest(
            Enabled: parse.GetValue(Disabled) ? "false" : null,
            Directory: parse.GetValue(Directory),
            Remote: parse.GetValue(Remote),
            RemoteWrite: parse.GetValue(RemoteWrite)),
        d => Console.Error.WriteLine(d.ToString()));
}
