// Where the CLI finds device targets and stock recipes: beside the tool when installed from the package,
// or in the repository when run from source.
namespace EdgeSdk.Cli.Commands;

/// <summary>Locates the <c>targets/</c> and <c>recipes/</c> folders.</summary>
internal static class SdkLayout
{
    /// <summary>Gets the device targets folder.</summary>
    public static string TargetsDirectory => Find("targets");

    /// <summary>Gets the stock recipes folder.</summary>
    public static string StockRecipesDirectory => Find("recipes");

    private static string Find(string name)
    {
        var env = Environment.GetEnvironmentVariable("EDGESDK_" + name.ToUpperInvariant() + "_DIR");
        if (!string.IsNullOrEmpty(env))
        {
            return env;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Directory.Exists(candidate) && (File.Exists(Path.Combine(dir.FullName, "EdgeSdk.sln")) || dir.FullName == AppContext.BaseDirectory.TrimEnd('/')))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, name);
    }
}
