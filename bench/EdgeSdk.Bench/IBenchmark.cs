// A benchmark runnable by name from the command line; Program discovers implementations by reflection,
// so each area adds its benchmarks in its own file.
namespace EdgeSdk.Bench;

/// <summary>An on-demand benchmark that writes its results as JSON.</summary>
internal interface IBenchmark
{
    /// <summary>Gets the name used on the command line.</summary>
    string Name { get; }

    /// <summary>Gets a one-line description.</summary>
    string Description { get; }

    /// <summary>Gets the file name (without <c>.json</c>) under bench/results the result is written to; the name by default.</summary>
    string ResultName => Name;

    /// <summary>Runs the benchmark and returns a JSON-serializable result object.</summary>
    object Run(string[] args);
}
