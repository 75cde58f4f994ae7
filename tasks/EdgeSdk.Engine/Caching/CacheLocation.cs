// Where the machine-wide step cache lives by default: a per-user cache folder, shared by every project
// and clone of that user on the machine ($XDG_CACHE_HOME/edgesdk or ~/.cache/edgesdk on Linux and macOS,
// %LOCALAPPDATA%\EdgeSdk\cache on Windows).
namespace EdgeSdk.Caching;

/// <summary>Computes the default machine-wide cache folder.</summary>
internal static class CacheLocation
{
    /// <summary>Returns the default folder for the current user, given an environment lookup.</summary>
    public static string Default(Func<string, string?> environment)
    {
        if (OperatingSystem.IsWindows())
        {
            var local = environment("LOCALAPPDATA");
            local = string.IsNullOrEmpty(local) ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData) : local;
            return Path.Combine(local, "EdgeSdk", "cache");
        }

        var xdg = environment("XDG_CACHE_HOME");
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg))
        {
            return Path.Combine(xdg, "edgesdk");
        }

        var home = environment("HOME");
        home = string.IsNullOrEmpty(home) ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) : home;
        return Path.Combine(home, ".cache", "edgesdk");
    }
}
