// The device profiles under targets/: each `<name>.yaml` is read, validated (every figure with its
// public source) and kept by name. Recipes name a profile; `edgesdk targets` lists them.
using EdgeSdk.Targets;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Recipes;

/// <summary>The device profiles of a targets folder.</summary>
internal sealed class TargetCatalog
{
    private readonly SortedDictionary<string, TargetProfile> _profiles;

    private TargetCatalog(SortedDictionary<string, TargetProfile> profiles, IReadOnlyList<EdgeDiagnostic> diagnostics, string sourceDirectory)
    {
        SourceDirectory = sourceDirectory;
        _profiles = profiles;
        Diagnostics = diagnostics;
    }

    /// <summary>Gets the valid profiles, ordered by name.</summary>
    public IReadOnlyList<TargetProfile> Profiles => _profiles.Values.ToList();

    /// <summary>Gets the problems found in profile files.</summary>
    public IReadOnlyList<EdgeDiagnostic> Diagnostics { get; }

    /// <summary>Gets the folder the profiles were read from (may be missing or empty).</summary>
    public string SourceDirectory { get; }

    /// <summary>Gets the profile names, ordered.</summary>
    public IReadOnlyList<string> Names => _profiles.Keys.ToList();

    /// <summary>Loads every <c>*.yaml</c> in <paramref name="directory"/> (a missing folder gives an empty catalog).</summary>
    public static TargetCatalog Load(string directory)
    {
        var profiles = new SortedDictionary<string, TargetProfile>(StringComparer.Ordinal);
        var diagnostics = new List<EdgeDiagnostic>();
        if (!string.IsNullOrEmpty(directory) && Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
            {
                var context = new YamlReadContext(file);
                var profile = ReadFile(context, file);
                diagnostics.AddRange(DiagnosticOrder.Sort(context.Diagnostics, file));
                if (profile is not null && !context.HasErrors)
                {
                    profiles[profile.Name] = profile;
                }
            }
        }

        return new TargetCatalog(profiles, diagnostics, directory);
    }

    /// <summary>Gets a profile by name (case-insensitive), or null.</summary>
    public TargetProfile? Find(string name) =>
        _profiles.TryGetValue(name, out var p) ? p : _profiles.Values.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads and validates one profile file.</summary>
    public static TargetProfile? ReadFile(YamlReadContext context, string file)
    {
        var root = YamlFileParser.Parse(context, file);
        if (root is null)
        {
            return null;
        }

        var map = context.Map(root, "target profile", TargetProfileReader.FileKeys);
        if (map is null)
        {
            return null;
        }

        var expectedName = Path.GetFileNameWithoutExtension(file);
        if (map["name"] is not { } nameNode)
        {
            context.Error(DiagnosticCatalog.Recipes.MissingKey, $"The profile lacks 'name'; add 'name: {expectedName}'.", root);
            return null;
        }

        var name = context.String(nameNode, "name");
        if (name is not null && name != expectedName)
        {
            context.Error(DiagnosticCatalog.Recipes.BadTargetProfile, $"The profile's name '{name}' differs from its file name; rename one so both read '{expectedName}'.", nameNode);
        }

        var profile = TargetProfileReader.Apply(context, map, new TargetProfile { Name = expectedName, ExecutionProviders = [] }, "target", requireSources: true);
        return profile with { SourceFile = Path.GetFullPath(file) };
    }
}
