// A value given for a pass option, in its CLR shape (bool, long, double, string, string[]), with where it
// was written (a recipe line, or the search section entry of an override) so errors point there.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes.Options;

/// <summary>A value for one option of a pass.</summary>
/// <param name="Value">The value: bool, long (or int), double (or float, long, int), string, or a list of strings.</param>
/// <param name="Location">Where the value was written, or null (errors then point at the pass entry).</param>
internal sealed record OptionValue(object? Value, SourceLocation? Location = null);
