// An application consumes the optimized models of an EdgeSdk project through an ordinary ProjectReference:
// building the app builds the models, copies each published model.onnx and model.ort into the app's own
// output (edge/<model>/), and the app loads its model with Microsoft.ML.OnnxRuntime and predicts a class.
// GetEdgeOptimizedModels gives the app the same files as items (ModelName, Kind, TargetPath).
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

[Collection(SdkCollection.Name)]
public sealed class AppConsumptionTests(SdkPackageFixture sdk)
{
    /// <summary>The ONNX Runtime package the app uses (served by the NuGet mirror, usually already in the user's package folder).</summary>
    private const string OnnxRuntimePackageVersion = "1.31.1";

    private const string Recipe = """
        recipe: 1
        target: host
        data:
          evaluation: {inputs: data/test_x.npy, labels: data/test_y.npy}
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 2, runs: 10}
        passes:
          - fuse
        """;

    private const string AppProject = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="VERSION" />
            <ProjectReference Include="../Models/Models.csproj" />
          </ItemGroup>
          <!-- The models as items, straight from the referenced EdgeSdk project. -->
          <Target Name="ListEdgeModels" AfterTargets="Build">
            <MSBuild Projects="../Models/Models.csproj" Targets="GetEdgeOptimizedModels">
              <Output TaskParameter="TargetOutputs" ItemName="EdgeOptimizedModel" />
            </MSBuild>
            <Message Importance="high" Text="edge model: %(EdgeOptimizedModel.ModelName) %(EdgeOptimizedModel.Kind) %(EdgeOptimizedModel.TargetPath)" />
          </Target>
        </Project>
        """;

    private const string AppProgram = """
        using Microsoft.ML.OnnxRuntime;
        using Microsoft.ML.OnnxRuntime.Tensors;

        var modelPath = Path.Combine(AppContext.BaseDirectory, "edge", "digits_cnn", "model.onnx");
        using var session = new InferenceSession(modelPath);
        var pixels = args[0].Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var input = new DenseTensor<float>(pixels, [1, 1, 8, 8]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), input)]);
        var scores = results.First().AsEnumerable<float>().ToArray();
        Console.WriteLine($"predicted class: {Array.IndexOf(scores, scores.Max())}");
        """;

    [Fact]
    public void AppReferencingAnEdgeProjectGetsTheOptimizedModelsAndPredictsWithThem()
    {
        var root = Path.Combine(sdk.Root, "AppConsumption");
        var models = sdk.CreateDigitsProject(Path.Combine("AppConsumption", "Models"), Recipe);
        var app = Path.Combine(root, "App");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "App.csproj"), AppProject.Replace("VERSION", OnnxRuntimePackageVersion));
        File.WriteAllText(Path.Combine(app, "Program.cs"), AppProgram);
        SdkPackageFixture.WriteUserPackagesFallback(root, sdk.Version);

        var (code, log) = SdkPackageFixture.Dotnet(app, "build", "-nologo");
        code.Should().Be(0, log);
        var appOut = Path.Combine(app, "bin", "Debug", "net10.0");
        var modelsOut = Path.Combine(models, "bin", "Debug", "net10.0", "edge", "digits_cnn");
        foreach (var file in new[] { "model.onnx", "model.ort" })
        {
            var copied = Path.Combine(appOut, "edge", "digits_cnn", file);
            File.Exists(copied).Should().BeTrue($"{file} should be copied into the app's output\n{log}");
            File.ReadAllBytes(copied).Should().Equal(File.ReadAllBytes(Path.Combine(modelsOut, file)));
        }

        File.Exists(Path.Combine(appOut, "edge", "digits_cnn", "report.md")).Should().BeFalse("only the models travel to the app");
        log.Should().Contain("edge model: digits_cnn onnx edge/digits_cnn/model.onnx").And.Contain("edge model: digits_cnn ort edge/digits_cnn/model.ort");

        // Three test samples, each checked against its label (the model is right on them: 99.5% accuracy overall).
        foreach (var line in File.ReadLines(TestPaths.Data("digits", "test.csv")).Skip(1).Take(3))
        {
            var cut = line.LastIndexOf(',');
            var (runCode, output) = SdkPackageFixture.Dotnet(app, Path.Combine(appOut, "App.dll"), line[..cut]);
            runCode.Should().Be(0, output);
            output.Trim().Should().Be($"predicted class: {line[(cut + 1)..]}");
        }
    }
}
