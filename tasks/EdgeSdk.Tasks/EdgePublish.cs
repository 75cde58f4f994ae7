// MSBuild task: publishes each model's artifacts (the ones EdgeGate returns) to $(OutDir)edge/<model>/ as one
// atomic set through the engine's publisher. It replaces a plain Copy, which a kill could leave half-written.
using EdgeSdk.Api;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Publishes the artifacts of every model as one set per model folder.</summary>
public sealed class EdgePublish : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Gets or sets the artifacts (metadata <c>OutputName</c>: the model's folder).</summary>
    [Required]
    public ITaskItem[] Artifacts { get; set; } = [];

    /// <summary>Gets or sets the output root (<c>$(EdgeOutputPath)</c>, relative to the project or absolute).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the project folder a relative <see cref="OutputDirectory"/> is resolved against.</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Gets every file of the published folders (for <c>FileWrites</c>, so <c>dotnet clean</c> removes them).</summary>
    [Output]
    public ITaskItem[] PublishedFiles { get; private set; } = [];

    /// <inheritdoc/>
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc/>
    public override bool Execute()
    {
        try
        {
            return MSBuildDiagnostics.Guard(Log, PublishAll);
        }
        finally
        {
            LoadTrace.Log(Log, nameof(EdgePublish));
        }
    }

    private bool PublishAll()
    {
        var root = Path.GetFullPath(Path.Combine(ProjectDirectory.Length > 0 ? ProjectDirectory : Directory.GetCurrentDirectory(), OutputDirectory));
        var published = new List<ITaskItem>();
        foreach (var model in Artifacts.GroupBy(a => a.GetMetadata("OutputName"), StringComparer.Ordinal))
        {
            MSBuildDiagnostics.Run(Log, () =>
            {
                var outcome = EdgeEngine.Publish(root, model.Key, [.. model.Select(a => a.GetMetadata("FullPath"))], _cancel.Token);
                Log.LogMessage(MessageImportance.Normal, outcome.Changed
                    ? $"EdgeSdk: {model.Key}: published {outcome.Files.Count} file(s) to '{Path.Combine(root, model.Key)}'"
                    : $"EdgeSdk: {model.Key}: '{Path.Combine(root, model.Key)}' is up to date");
                published.AddRange(outcome.Files.Select(f => new TaskItem(f)));
                return true;
            });
        }

        PublishedFiles = [.. published];
        return true;
    }
}
