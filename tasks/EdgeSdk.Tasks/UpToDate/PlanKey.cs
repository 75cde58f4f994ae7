// The key of an up-to-date record: everything besides files that EdgePlan's result depends on. Its parameters
// (the build properties' values only when a recipe uses one) and the EdgeModel items, the SDK build (the task and engine assemblies' module version ids, read from metadata so
// the engine is not loaded) and the host (`target: host` probes the CPU). Another value of any of them plans again.
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;

namespace EdgeSdk.Tasks.UpToDate;

/// <summary>Computes the key of EdgePlan's record.</summary>
internal static class PlanKey
{
    /// <summary>Gets the key, or null when the SDK build cannot be identified (then there is no fast path).</summary>
    /// <param name="models">The EdgeModel items.</param>
    /// <param name="parameters">Every other parameter, in a fixed order.</param>
    public static string? Of(IEnumerable<ITaskItem> models, IEnumerable<string> parameters)
    {
        var tasks = typeof(PlanKey).Assembly;
        var engine = Mvid(Path.Combine(Path.GetDirectoryName(tasks.Location) ?? string.Empty, "EdgeSdk.Engine.dll"));
        if (engine is null)
        {
            return null;
        }

        var text = new StringBuilder("edgesdk-uptodate-1\n")
            .Append(tasks.ManifestModule.ModuleVersionId.ToString("N")).Append('\n')
            .Append(engine).Append('\n')
            .Append(Environment.MachineName).Append('|').Append(Environment.ProcessorCount).Append('|')
            .Append(RuntimeInformation.OSDescription).Append('|').Append(RuntimeInformation.ProcessArchitecture).Append('\n');
        foreach (var parameter in parameters)
        {
            text.Append(parameter.Length).Append(':').Append(parameter).Append('\n');
        }

        foreach (var model in models)
        {
            foreach (var value in new[] { model.ItemSpec, model.GetMetadata("Recipe"), model.GetMetadata("OutputName") })
            {
                text.Append(value.Length).Append(':').Append(value).Append('|');
            }

            text.Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// Gets what of <c>$(EdgeRecipeProperties)</c> (<c>A=1;B=2</c>) can change a plan whose recipe uses no property: the
    /// entries' names and whether each has a value (so a malformed or duplicate entry is still reported). The values
    /// themselves vary between builds that plan alike (MSBuild writes <c>OutDir</c> with a backslash before bin/ exists).
    /// </summary>
    public static string PropertyNames(string list) => string.Join(";", list.Split(';').Where(e => e.Trim().Length > 0)
        .Select(e => e.IndexOf('=', StringComparison.Ordinal) is var i and >= 0 ? e[..i].Trim().ToUpperInvariant() + "=" : e.Trim().ToUpperInvariant() + "!"));

    private static string? Mvid(string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            return reader.GetGuid(reader.GetModuleDefinition().Mvid).ToString("N");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or BadImageFormatException or InvalidOperationException)
        {
            return null;
        }
    }
}
