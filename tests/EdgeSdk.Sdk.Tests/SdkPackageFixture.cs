// Shared set-up for the integration tests: finds the packed SDK in artifacts/packages, and prepares a
// temporary root with a NuGet.config that maps EdgeSdk to that feed and uses a private package folder,
// so every run extracts the freshly packed SDK (a re-packed version is otherwise invisible to NuGet). The
// local source's key is "edgesdk", the key the template's NuGet.config uses, so the source mapping applies to both.
using System.Diagnostics;
using System.Text;
using EdgeSdk.Tests;

namespace EdgeSdk.Sdk.Tests;

/// <summary>The packed SDK and a scratch root for test projects.</summary>
public sealed class SdkPackageFixture : IDisposable
{
    private readonly object _toolGate = new();

    /// <summary>Locates the package and creates the scratch root.</summary>
    public SdkPackageFixture()
    {
        var feed = Path.Combine(TestPaths.RepoRoot, "artifacts", "packages");
        var package = Directory.Exists(feed) ? Directory.GetFiles(feed, "EdgeSdk.*.nupkg").Where(p => char.IsAsciiDigit(Path.GetFileName(p)["EdgeSdk.".Length])).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault() : null;
        if (package is null)
        {
            throw new InvalidOperationException($"No EdgeSdk package in {feed}. Run ./eng/pack.sh (./test.sh does) before these tests.");
        }

        PackagePath = package;
        Version = Path.GetFileNameWithoutExtension(package)["EdgeSdk.".Length..];
        Root = TestPaths.NewTempDir("edgesdk-it");
        File.WriteAllText(Path.Combine(Root, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config><add key="globalPackagesFolder" value="{Path.Combine(Root, ".packages")}" /></config>
              <packageSources>
                <clear />
                <add key="edgesdk" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <packageSourceMapping>
                <packageSource key="edgesdk"><package pattern="EdgeSdk" /><package pattern="EdgeSdk.*" /></packageSource>
                <packageSource key="nuget.org"><package pattern="*" /></packageSource>
              </packageSourceMapping>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(Root, "global.json"), File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "global.json")));
    }

    /// <summary>Gets the path of the SDK package under test.</summary>
    public string PackagePath { get; }

    /// <summary>Gets the local feed holding the packed SDK, tool and templates (artifacts/packages).</summary>
    public static string Feed => Path.Combine(TestPaths.RepoRoot, "artifacts", "packages");

    /// <summary>Gets the SDK package version under test.</summary>
    public string Version { get; }

    /// <summary>Gets the scratch root holding NuGet.config and the test projects.</summary>
    public string Root { get; }

    /// <summary>
    /// Installs the packed <c>edgesdk</c> tool (EdgeSdk.Cli) into a private tool path once, and returns the command's path.
    /// The root NuGet.config maps EdgeSdk.* to the local feed (with package source mapping on, --add-source is refused).
    /// </summary>
    public string InstalledTool()
    {
        lock (_toolGate)
        {
            var toolPath = Path.Combine(Root, ".tools");
            var command = Path.Combine(toolPath, "edgesdk");
            if (!File.Exists(command))
            {
                var (code, output) = Dotnet(Root, "tool", "install", "EdgeSdk.Cli", "--version", Version, "--tool-path", toolPath);
                if (code != 0)
                {
                    throw new InvalidOperationException("dotnet tool install failed:\n" + output);
                }
            }

            return command;
        }
    }

    /// <summary>The EdgeModel item most project tests build: the digits CNN with recipe.yaml.</summary>
    public const string DigitsItem = """<EdgeModel Include="models/digits_cnn.onnx" Recipe="recipe.yaml" />""";

    /// <summary>A digits fixture model and the digits test split (and the training split if asked), as project tests copy them in.</summary>
    public static (string Source, string Destination)[] DigitsFiles(string model = "digits_cnn", bool withTraining = false) =>
    [
        (TestPaths.Model(model), $"models/{model}.onnx"),
        .. withTraining ? [(TestPaths.Data("digits", "train_x.npy"), "data/train_x.npy")] : Array.Empty<(string, string)>(),
        (TestPaths.Data("digits", "test_x.npy"), "data/test_x.npy"),
        (TestPaths.Data("digits", "test_y.npy"), "data/test_y.npy"),
    ];

    /// <summary>Creates a project over the digits CNN and its test split (<see cref="DigitsFiles"/>).</summary>
    public string CreateDigitsProject(string name, string recipe, string itemXml = DigitsItem) =>
        CreateProject(name, recipe, itemXml, DigitsFiles());

    /// <summary>Creates a project folder with an EdgeSdk csproj, the given files copied in and the given recipe.</summary>
    public string CreateProject(string name, string recipe, string itemXml, params (string Source, string Destination)[] files)
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, Path.GetFileName(name) + ".csproj"), $"""
            <Project Sdk="EdgeSdk/{Version}">
              <ItemGroup>
                {itemXml}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "recipe.yaml"), recipe);
        foreach (var (source, destination) in files)
        {
            var target = Path.Combine(dir, destination);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }

        return dir;
    }

    /// <summary>Gets the machine-wide step cache folder the test builds use (never the user's own cache).</summary>
    public static string StepCacheDirectory { get; } = Path.Combine(Path.GetTempPath(), $"edgesdk-it-step-cache-{Environment.ProcessId}");

    /// <summary>
    /// Writes a NuGet.config into <paramref name="directory"/> that lets restores below it reuse packages already
    /// extracted in the user's package folder (~/.nuget/packages), e.g. Microsoft.ML.OnnxRuntime's 390 MB, instead of
    /// extracting them again into the private folder. Skipped when that folder holds an EdgeSdk of the version under
    /// test: a stale extracted copy there would shadow the freshly packed one.
    /// </summary>
    public static void WriteUserPackagesFallback(string directory, string version)
    {
        var user = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        if (!Directory.Exists(user) || Directory.Exists(Path.Combine(user, "edgesdk", version)) || Directory.Exists(Path.Combine(user, "edgesdk.cli", version)))
        {
            return;
        }

        File.WriteAllText(Path.Combine(directory, "NuGet.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <fallbackPackageFolders><add key="user" value="{user}" /></fallbackPackageFolders>
            </configuration>
            """);
    }

    /// <summary>Runs <c>dotnet</c> with arguments in <paramref name="directory"/> and returns exit code and combined output.</summary>
    public static (int ExitCode, string Output) Dotnet(string directory, params string[] args) => Exec("dotnet", directory, args);

    /// <summary>Runs <c>dotnet</c> with extra environment variables (a null value removes one).</summary>
    public static (int ExitCode, string Output) Dotnet(string directory, IReadOnlyDictionary<string, string?> environment, params string[] args) => Exec("dotnet", directory, environment, args);

    /// <summary>Runs <paramref name="program"/> with arguments in <paramref name="directory"/> and returns exit code and combined output.</summary>
    public static (int ExitCode, string Output) Exec(string program, string directory, params string[] args) => Exec(program, directory, new Dictionary<string, string?>(), args);

    /// <summary>Runs <paramref name="program"/> with extra environment variables (a null value removes one).</summary>
    public static (int ExitCode, string Output) Exec(string program, string directory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        PrepareEnvironment(psi, environment);
        using var process = Process.Start(psi)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    /// <summary>Sets the environment every test process gets: no node reuse or build server, the private step cache, no remote cache, then <paramref name="environment"/> (a null value removes one).</summary>
    public static void PrepareEnvironment(ProcessStartInfo psi, IReadOnlyDictionary<string, string?> environment)
    {
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        // Test builds share one private step cache and never a developer's remote cache settings.
        psi.Environment["EDGE_CACHE_DIR"] = StepCacheDirectory;
        foreach (var name in new[] { "EDGE_CACHE", "EDGE_REMOTE_CACHE", "EDGE_REMOTE_CACHE_WRITE", "EDGE_REMOTE_CACHE_TOKEN", "EDGE_REMOTE_CACHE_USER", "EDGE_REMOTE_CACHE_PASSWORD" })
        {
            psi.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                psi.Environment.Remove(name);
            }
            else
            {
                psi.Environment[name] = value;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var dir in new[] { Root, StepCacheDirectory })
        {
            try
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>The collection that shares one <see cref="SdkPackageFixture"/> and runs its tests one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class SdkCollection : ICollectionFixture<SdkPackageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "sdk";
}
