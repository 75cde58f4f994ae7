// Where a pass's options are being bound: the pass entry's location (for errors about options the recipe
// does not set), the folder relative paths resolve against, and whether files named by options must exist.
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Passes.Options;

/// <summary>The surroundings of one binding.</summary>
/// <param name="EntryLocation">Where the pass entry starts in the recipe (errors about unset options point here), or null.</param>
/// <param name="RecipeDirectory">The folder relative paths in options resolve against (the recipe's folder).</param>
/// <param name="CheckFilesExist">Whether files named by options must exist (false for checks that must not touch the disk).</param>
internal sealed record OptionBindContext(SourceLocation? EntryLocation, string RecipeDirectory, bool CheckFilesExist = true);
