// MSBuild behaviour of the SDK, tested the way microsoft/MSBuildSdks tests its SDKs: each property's
// default and override (cheaply, by evaluating the project with `dotnet msbuild -getProperty:`), the import
// hooks, the item metadata defaults, and one real build with several EdgeModel items, the target hooks,
// overridden paths, and one invalid recipe that must stop only its own model.
using System.Text.Json;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class MSBuildBehaviourTests(SdkPackageFixture sdk)
{
    private const string GoodRecipe = """
        recipe: 1
        target: host
        data:
          evaluation: {inputs: "${DataDir}/test_x.npy", labels: "${DataDir}/test_y.npy"}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 2, runs: 10}
        passes:
          - fuse
        """;

    private static readonly string[] PublicProperties =
        ["EdgeThreads", "EdgeUseTaskHost", "EdgeIntermediatePath", "EdgeOutputPath", "EdgeRecipeProperties", "EdgeBuildDependsOn",
         "EdgeTargetsDirectory", "EdgeStockRecipesDirectory", "EdgeSdkRoot", "EdgeSdkVersion", "UsingEdgeSdk", "EdgeTaskAssembly", "_EdgeTaskAssembly"];

    [Fact]
    public void DefaultsAreTheDocumentedOnes()
    {
        var dir = sdk.CreateProject("Defaults", GoodRecipe, string.Empty);
        var p = Evaluate(dir, PublicProperties);
        p["EdgeThreads"].Should().Be("0");
        p["EdgeUseTaskHost"].Should().Be("false");
        p["EdgeIntermediatePath"].Replace('\\', '/').Should().Be("obj/Debug/net10.0/edge/", "the .NET SDK writes obj\\Debug/…; MSBuild accepts either separator");
        p["EdgeOutputPath"].Replace('\\', '/').Should().Be("bin/Debug/net10.0/edge/");
        p["EdgeRecipeProperties"].Replace('\\', '/').Should().Be($"Configuration=Debug;Platform=AnyCPU;MSBuildProjectDirectory={dir};MSBuildProjectName=Defaults;OutDir=bin/Debug/net10.0/");
        p["EdgeBuildDependsOn"].Should().Be("EdgeBeforeBuild;EdgePlan;EdgeRunSteps;EdgeEvaluate;EdgeGate;EdgeCopyArtifacts;EdgeAfterBuild;");
        p["EdgeSdkVersion"].Should().Be(sdk.Version);
        p["UsingEdgeSdk"].Should().Be("true");
        p["EdgeSdkRoot"].Should().EndWith($"/edgesdk/{sdk.Version}/");
        p["EdgeTargetsDirectory"].Should().Be(p["EdgeSdkRoot"] + "targets/");
        p["EdgeStockRecipesDirectory"].Should().Be(p["EdgeSdkRoot"] + "recipes/");
        Directory.GetFiles(p["EdgeTargetsDirectory"], "*.yaml").Should().Contain(f => f.EndsWith("x86-avx2.yaml", StringComparison.Ordinal));
        Directory.GetFiles(p["EdgeStockRecipesDirectory"], "*.yaml").Should().Contain(f => f.EndsWith("cnn-int8-cpu.yaml", StringComparison.Ordinal));
        p["EdgeTaskAssembly"].Should().BeEmpty("the test-only override is private");
        p["_EdgeTaskAssembly"].Should().Be(p["EdgeSdkRoot"] + "tasks/net10.0/EdgeSdk.Tasks.dll");
        File.Exists(p["_EdgeTaskAssembly"]).Should().BeTrue();

        p = Evaluate(dir, ["EdgeIntermediatePath", "EdgeOutputPath"], "-p:Configuration=Release");
        p["EdgeIntermediatePath"].Replace('\\', '/').Should().Be("obj/Release/net10.0/edge/");
        p["EdgeOutputPath"].Replace('\\', '/').Should().Be("bin/Release/net10.0/edge/");
    }

    [Fact]
    public void EveryPropertySetInTheProjectWins()
    {
        var dir = sdk.CreateProject("Overrides", GoodRecipe, string.Empty);
        var project = Path.Combine(dir, "Overrides.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="EdgeSdk/{sdk.Version}">
              <PropertyGroup>
                <EdgeThreads>3</EdgeThreads>
                <EdgeUseTaskHost>true</EdgeUseTaskHost>
                <EdgeIntermediatePath>work/</EdgeIntermediatePath>
                <EdgeOutputPath>published/</EdgeOutputPath>
                <EdgeRecipeProperties>DataDir=data</EdgeRecipeProperties>
                <EdgeBuildDependsOn>Extra</EdgeBuildDependsOn>
                <EdgeTargetsDirectory>boards/</EdgeTargetsDirectory>
                <EdgeStockRecipesDirectory>base-recipes/</EdgeStockRecipesDirectory>
                <_EdgeTaskAssembly>/elsewhere/EdgeSdk.Tasks.dll</_EdgeTaskAssembly>
              </PropertyGroup>
            </Project>
            """);
        var p = Evaluate(dir, PublicProperties);
        p["EdgeThreads"].Should().Be("3");
        p["EdgeUseTaskHost"].Should().Be("true");
        p["EdgeIntermediatePath"].Should().Be("work/");
        p["EdgeOutputPath"].Should().Be("published/");
        p["EdgeRecipeProperties"].Should().Be("DataDir=data");
        p["EdgeBuildDependsOn"].Should().Be("EdgeBeforeBuild;EdgePlan;EdgeRunSteps;EdgeEvaluate;EdgeGate;EdgeCopyArtifacts;EdgeAfterBuild;Extra", "a value set in the project is appended to the SDK's list");
        p["EdgeTargetsDirectory"].Should().Be("boards/");
        p["EdgeStockRecipesDirectory"].Should().Be("base-recipes/");
        p["_EdgeTaskAssembly"].Should().Be("/elsewhere/EdgeSdk.Tasks.dll");

        // And from the command line.
        p = Evaluate(dir, ["EdgeThreads", "EdgeOutputPath"], "-p:EdgeThreads=5", "-p:EdgeOutputPath=cli/");
        p["EdgeThreads"].Should().Be("5");
        p["EdgeOutputPath"].Should().Be("cli/");
    }

    [Fact]
    public void ImportHooksAreImportedWhereDocumented()
    {
        var dir = sdk.CreateProject("Hooks", GoodRecipe, string.Empty);
        string Hook(string name, string body)
        {
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, $"<Project><PropertyGroup>{body}</PropertyGroup></Project>");
            return path;
        }

        var beforeProps = Hook("before.props", "<EdgeThreads>7</EdgeThreads><SawUsingEdgeSdk>$(UsingEdgeSdk)</SawUsingEdgeSdk><SawThreadsBeforeDefaults>[$(EdgeUseTaskHost)]</SawThreadsBeforeDefaults>");
        var afterProps = Hook("after.props", "<SawThreadsAfterProps>$(EdgeThreads)</SawThreadsAfterProps><SawIntermediateAfterProps>[$(EdgeIntermediatePath)]</SawIntermediateAfterProps>");
        var beforeTargets = Hook("before.targets", "<EdgeOutputPath>from-hook/</EdgeOutputPath><SawTargetFramework>$(TargetFramework)</SawTargetFramework>");
        var afterTargets = Hook("after.targets", "<SawIntermediateAfterTargets>$(EdgeIntermediatePath)</SawIntermediateAfterTargets>");
        var p = Evaluate(dir,
            ["EdgeThreads", "EdgeOutputPath", "SawUsingEdgeSdk", "SawThreadsBeforeDefaults", "SawThreadsAfterProps", "SawIntermediateAfterProps", "SawTargetFramework", "SawIntermediateAfterTargets"],
            $"-p:CustomBeforeEdgeSdkProps={beforeProps}", $"-p:CustomAfterEdgeSdkProps={afterProps}", $"-p:CustomBeforeEdgeSdkTargets={beforeTargets}", $"-p:CustomAfterEdgeSdkTargets={afterTargets}");
        p["SawUsingEdgeSdk"].Should().Be("true", "the marker is set before CustomBeforeEdgeSdkProps");
        p["SawThreadsBeforeDefaults"].Should().Be("[]", "CustomBeforeEdgeSdkProps comes before EdgeSdk's defaults");
        p["EdgeThreads"].Should().Be("7", "a default never overwrites what CustomBeforeEdgeSdkProps set");
        p["SawThreadsAfterProps"].Should().Be("7");
        p["SawIntermediateAfterProps"].Should().Be("[]", "EdgeIntermediatePath is defined by the targets, after every props");
        p["SawTargetFramework"].Should().Be("net10.0");
        p["EdgeOutputPath"].Should().Be("from-hook/", "CustomBeforeEdgeSdkTargets comes before EdgeSdk's target defaults");
        p["SawIntermediateAfterTargets"].Replace('\\', '/').Should().Be("obj/Debug/net10.0/edge/", "CustomAfterEdgeSdkTargets sees every EdgeSdk default");

        // A hook path that does not exist is ignored, not an error.
        Evaluate(dir, ["EdgeThreads", "UsingEdgeSdk"], "-p:CustomBeforeEdgeSdkProps=/no/such.props")["EdgeThreads"].Should().Be("0");
    }

    [Fact]
    public void EdgeModelItemsGetTheirMetadataDefaults()
    {
        var dir = sdk.CreateProject("Items", GoodRecipe, """
            <EdgeModel Include="models/a.onnx" Recipe="recipe.yaml" />
            <EdgeModel Include="models/b.onnx" Recipe="recipe.yaml" OutputName="bee" />
            """);
        var (code, output) = SdkPackageFixture.Dotnet(dir, "msbuild", "-nologo", "-getItem:EdgeModel");
        code.Should().Be(0, output);
        using var json = JsonDocument.Parse(output);
        var items = json.RootElement.GetProperty("Items").GetProperty("EdgeModel").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("Identity").GetString()).Should().Equal("models/a.onnx", "models/b.onnx");
        items.Select(i => i.GetProperty("Recipe").GetString()).Should().Equal("recipe.yaml", "recipe.yaml");
        items.Select(i => i.GetProperty("OutputName").GetString()).Should().Equal(string.Empty, "bee");
    }

    [Fact]
    public void SeveralModelsBuildWithHooksAndOverriddenPathsAndABadRecipeStopsOnlyItsOwnModel()
    {
        var dir = sdk.CreateProject("Several", GoodRecipe, string.Empty,
            (TestPaths.Model("digits_cnn"), "models/digits_cnn.onnx"),
            (TestPaths.Model("digits_mlp"), "models/digits_mlp.onnx"),
            (TestPaths.Data("digits", "test_x.npy"), "data/test_x.npy"),
            (TestPaths.Data("digits", "test_y.npy"), "data/test_y.npy"));
        File.WriteAllText(Path.Combine(dir, "bad.yaml"), GoodRecipe.Replace("  metrics: [accuracy]", "  metrics: [accuracy]\n  latncy: {runs: 3}"));
        File.WriteAllText(Path.Combine(dir, "Several.csproj"), $"""
            <Project Sdk="EdgeSdk/{sdk.Version}">
              <PropertyGroup>
                <EdgeIntermediatePath>work/</EdgeIntermediatePath>
                <EdgeOutputPath>published/</EdgeOutputPath>
                <EdgeRecipeProperties>DataDir=data</EdgeRecipeProperties>
                <EdgeBuildDependsOn>ExtraStep</EdgeBuildDependsOn>
              </PropertyGroup>
              <ItemGroup>
                <EdgeModel Include="models/digits_cnn.onnx" Recipe="recipe.yaml" />
                <EdgeModel Include="models/digits_cnn.onnx" Recipe="recipe.yaml" OutputName="second" />
                <EdgeModel Include="models/digits_mlp.onnx" Recipe="bad.yaml" />
              </ItemGroup>
              <Target Name="EdgeBeforeBuild"><Message Importance="high" Text="HOOK before" /></Target>
              <Target Name="EdgeAfterBuild"><Message Importance="high" Text="HOOK after" /></Target>
              <Target Name="ExtraStep"><Message Importance="high" Text="HOOK extra" /></Target>
            </Project>
            """);

        var (code, log) = SdkPackageFixture.Dotnet(dir, "build", "-nologo", "-p:EdgeUseTaskHost=true");
        code.Should().NotBe(0, "one recipe is invalid\n" + log);
        log.Should().Contain($"{Path.Combine(dir, "bad.yaml")}(8,3): error EDGE1002");
        foreach (var name in new[] { "digits_cnn", "second" })
        {
            File.Exists(Path.Combine(dir, "published", name, "model.onnx")).Should().BeTrue($"{name} has a valid recipe and must be published despite bad.yaml\n{log}");
            File.Exists(Path.Combine(dir, "published", name, "report.md")).Should().BeTrue();
            Directory.GetFiles(Path.Combine(dir, "work", name), "*.onnx", SearchOption.AllDirectories).Should().NotBeEmpty("step outputs go to EdgeIntermediatePath");
        }

        Directory.Exists(Path.Combine(dir, "published", "digits_mlp")).Should().BeFalse();
        Directory.Exists(Path.Combine(dir, "bin", "Debug", "net10.0", "edge")).Should().BeFalse("EdgeOutputPath moved the artifacts");
        var before = log.IndexOf("HOOK before", StringComparison.Ordinal);
        var step = log.IndexOf("step 1/1 fuse", StringComparison.Ordinal);
        var after = log.IndexOf("HOOK after", StringComparison.Ordinal);
        var extra = log.IndexOf("HOOK extra", StringComparison.Ordinal);
        before.Should().BeGreaterThan(-1, log);
        step.Should().BeGreaterThan(before, "EdgeBeforeBuild runs before the steps");
        after.Should().BeGreaterThan(step, "EdgeAfterBuild runs after the steps, even though one recipe failed");
        extra.Should().BeGreaterThan(after, "EdgeBuildDependsOn appends after EdgeAfterBuild");
    }

    /// <summary>Evaluates the project in <paramref name="dir"/> (no build) and returns the requested properties.</summary>
    private static Dictionary<string, string> Evaluate(string dir, string[] properties, params string[] extra)
    {
        var args = new List<string> { "msbuild", "-nologo" };
        args.AddRange(properties.Select(p => "-getProperty:" + p));
        args.AddRange(extra);
        var (code, output) = SdkPackageFixture.Dotnet(dir, [.. args]);
        code.Should().Be(0, output);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.GetProperty("Properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty);
    }
}
