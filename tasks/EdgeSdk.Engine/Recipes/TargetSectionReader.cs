// Reads a recipe's `target`: a profile name from targets/, or an inline mapping that overrides a named
// profile (`profile:`) or describes a device from scratch (`name:`).
using EdgeSdk.Targets;
using EdgeSdk.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace EdgeSdk.Recipes;

/// <summary>Reads the <c>target</c> section.</summary>
internal static class TargetSectionReader
{
    /// <summary>Returns the target profile (null after reporting errors).</summary>
    public static TargetProfile? Read(YamlReadContext context, YamlNode node, TargetCatalog catalog)
    {
        if (node is YamlScalarNode)
        {
            var name = context.String(node, "target");
            return name is null ? null : Find(context, node, name, catalog);
        }

        var map = context.Map(node, "target", TargetProfileReader.InlineKeys);
        if (map is null)
        {
            return null;
        }

        TargetProfile? baseProfile;
        if (map["profile"] is { } profileNode)
        {
            var name = context.String(profileNode, "target.profile");
            baseProfile = name is null ? null : Find(context, profileNode, name, catalog);
        }
        else
        {
            baseProfile = new TargetProfile { Name = "inline" };
        }

        // Read the fields even when the base is unusable, so that every mistake is reported at once.
        var profile = TargetProfileReader.Apply(context, map, baseProfile ?? new TargetProfile { Name = "inline" }, "target", requireSources: false);
        if (map["profile"] is null && map["name"] is null)
        {
            context.Error(DiagnosticCatalog.Recipes.MissingKey, "An inline 'target' needs 'profile' (a profile to override, e.g. 'profile: rpi4') or 'name' (a new device).", node);
            return null;
        }

        return baseProfile is null ? null : profile;
    }

    private static TargetProfile? Find(YamlReadContext context, YamlNode node, string name, TargetCatalog catalog)
    {
        if (string.Equals(name, TargetProfile.Host.Name, StringComparison.OrdinalIgnoreCase))
        {
            return TargetProfile.Host;
        }

        if (catalog.Find(name) is { } profile)
        {
            return profile;
        }

        var broken = catalog.Diagnostics.Where(d => d.Location is { } l && Path.GetFileNameWithoutExtension(l.File) == name).ToList();
        if (broken.Count > 0)
        {
            context.Error(DiagnosticCatalog.Recipes.UnknownTarget, $"The target profile '{name}' has errors (see below); fix the profile file.", node);
            foreach (var d in broken)
            {
                context.ErrorFrom(d);
            }

            return null;
        }

        var names = catalog.Names.Append(TargetProfile.Host.Name).ToList();
        var none = catalog.Names.Count == 0
            ? $" No device profiles were found in '{catalog.SourceDirectory}': the installation is incomplete (reinstall the SDK or tool)."
            : string.Empty;
        context.Error(DiagnosticCatalog.Recipes.UnknownTarget, $"Unknown target '{name}'.{DidYouMean.Hint(name, names)} Known targets: {string.Join(", ", names)}.{none}", node);
        return null;
    }
}
