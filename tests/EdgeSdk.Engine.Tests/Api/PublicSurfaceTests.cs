// The engine's public surface stays small and documented: only test assemblies and the bench harness see its
// internals (the MSBuild tasks and the `edgesdk` CLI go through EdgeSdk.Api), every public type lives in
// EdgeSdk.Api or is one of the diagnostic types the API returns, and every public type and member has real
// XML documentation in the generated docs file.
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using EdgeSdk.Api;

namespace EdgeSdk.Engine.Tests.Api;

public sealed class PublicSurfaceTests
{
    private static readonly Assembly Engine = typeof(EdgeEngine).Assembly;

    /// <summary>Public types outside EdgeSdk.Api: the diagnostics every API call reports and throws.</summary>
    private static readonly string[] AllowedOutsideApi =
    [
        "EdgeSdk.Diagnostics.DiagnosticSeverity",
        "EdgeSdk.Diagnostics.EdgeDiagnostic",
        "EdgeSdk.Diagnostics.EdgeException",
        "EdgeSdk.Diagnostics.SourceLocation",
    ];

    private static readonly HashSet<string> RecordMembers = ["Equals", "GetHashCode", "ToString", "PrintMembers", "Deconstruct", "<Clone>$", "get_EqualityContract"];

    [Fact]
    public void OnlyTestAssembliesAndTheBenchHarnessSeeInternals()
    {
        var granted = Engine.GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToList();

        granted.Should().OnlyContain(name => name.EndsWith(".Tests", StringComparison.Ordinal) || name == "EdgeSdk.Bench", "adapters (MSBuild tasks, the edgesdk CLI) use the public API in EdgeSdk.Api");
        granted.Should().NotContain(["edgesdk", "EdgeSdk.Tasks", "EdgeSdk.Cli"]);
        granted.Should().Contain("EdgeSdk.Engine.Tests", "this test reads the grants of the assembly it tests");
    }

    [Fact]
    public void EveryPublicTypeLivesInTheApiNamespaceOrIsAnAllowedDiagnosticType()
    {
        var outside = Engine.GetExportedTypes().Where(t => t.Namespace != "EdgeSdk.Api").Select(t => t.FullName!).Order(StringComparer.Ordinal).ToList();

        outside.Should().BeEquivalentTo(AllowedOutsideApi, "public engine types belong to EdgeSdk.Api; everything else is internal");
        Engine.GetExportedTypes().Should().Contain(typeof(EdgeEngine));
    }

    [Fact]
    public void EveryPublicTypeAndMemberHasXmlDocumentation()
    {
        var docsFile = Path.ChangeExtension(Engine.Location, ".xml");
        File.Exists(docsFile).Should().BeTrue($"the engine generates its documentation file ({docsFile})");
        var members = XDocument.Load(docsFile).Descendants("member").ToDictionary(m => (string)m.Attribute("name")!, StringComparer.Ordinal);
        var missing = new List<string>();

        foreach (var type in Engine.GetExportedTypes())
        {
            var typeId = type.FullName!.Replace('+', '.');
            if (!members.TryGetValue("T:" + typeId, out var typeDoc) || !Documented(typeDoc))
            {
                missing.Add("T:" + typeId);
                continue;
            }

            var parameters = typeDoc.Elements("param").Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => (string)p.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
            const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var property in type.GetProperties(Declared).Where(p => p.Name != "EqualityContract"))
            {
                // A positional record's properties are documented by the record's <param> tags.
                if (!parameters.Contains(property.Name) && !(members.TryGetValue($"P:{typeId}.{property.Name}", out var doc) && Documented(doc)))
                {
                    missing.Add($"P:{typeId}.{property.Name}");
                }
            }

            foreach (var field in type.GetFields(Declared).Where(f => !type.IsEnum || f.IsLiteral))
            {
                if (!(members.TryGetValue($"F:{typeId}.{field.Name}", out var doc) && Documented(doc)))
                {
                    missing.Add($"F:{typeId}.{field.Name}");
                }
            }

            foreach (var group in type.GetMethods(Declared).Where(m => !m.IsSpecialName && !RecordMembers.Contains(m.Name)).GroupBy(m => m.Name))
            {
                var docs = members.Where(kv => kv.Key == $"M:{typeId}.{group.Key}" || kv.Key.StartsWith($"M:{typeId}.{group.Key}(", StringComparison.Ordinal)).Select(kv => kv.Value).ToList();
                if (docs.Count < group.Count() || !docs.All(Documented))
                {
                    missing.Add($"M:{typeId}.{group.Key} ({group.Count()} overload(s), {docs.Count(Documented)} documented)");
                }
            }
        }

        missing.Should().BeEmpty("every public type and member of the engine needs a non-empty <summary> (or <inheritdoc/>)");
    }

    private static bool Documented(XElement member) =>
        member.Element("inheritdoc") is not null || !string.IsNullOrWhiteSpace(member.Element("summary")?.Value);
}
