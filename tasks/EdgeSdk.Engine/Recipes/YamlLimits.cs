// The bounds every YAML file EdgeSdk reads (recipes, target profiles) must respect, so that a hostile or
// broken file costs milliseconds and kilobytes: file size, nesting depth, alias expansion and scalar length.
// Real recipes are a few hundred bytes, five levels deep, with a handful of values.
namespace EdgeSdk.Recipes;

/// <summary>Limits on YAML input.</summary>
internal static class YamlLimits
{
    /// <summary>The largest YAML file read (1 MiB).</summary>
    public const long MaxFileBytes = 1 << 20;

    /// <summary>The deepest nesting of mappings and lists.</summary>
    public const int MaxDepth = 64;

    /// <summary>The most nodes the document may hold once every alias is expanded.</summary>
    public const long MaxExpandedNodes = 100_000;

    /// <summary>The longest scalar (64 KiB characters).</summary>
    public const int MaxScalarLength = 64 * 1024;
}
