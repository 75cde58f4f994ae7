// MSBuild task: publishes each model's artifacts (the whole set EdgeGate returns) as one atomic set through the
// engine's publisher, to the folder the engine chose: $(OutDir)edge/<model>/ when the budgets are met, else
// obj/…/edge/<model>/failed/. It replaces a plain Copy, which a kill could leave half-written.
using EdgeSdk.Api;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace EdgeSdk.Tasks;

/// <summary>Publishes the artifacts of every model as one set per model folder.</summary>
public sealed class EdgePublish : Microsoft.Build.Utilities.Task, ICancelableTask
{
    private readonly CancellationTokenSource _cancel = new();

    /// <summary>Gets or sets the artifacts (metadata <c>OutputName</c>: the model's folder name; <c>PublishDirectory</c>: the full folder to publish to, else <see cref="OutputDirectory"/>/<c>OutputName</c>).</summary>
    [Required]
    public ITaskItem[] Artifacts { get; set; } = [];

    /// <summary>Gets or sets the output root (<c>$(EdgeOutputPath)</c>, relative to the project or absolute).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Gets or sets the project folder a relative <see cref="OutputDirectory"/> is resolved against.</summary>
    public string ProjectDirectory { get; set; } = string.Empty;

    /// <summary>Gets every file of the published folders, and of output folders that kept their last good set (for <c>FileWrites</c>, so <c>dotnet clean</c> removes them and IncrementalClean keeps them).</summary>
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
        foreach (var model in Artifacts.GroupBy(a => a.GetMetadata("PublishDirectory") is { Length: > 0 } to ? Path.GetFullPath(to) : Path.Combine(root, a.GetMetadata("OutputName")), StringComparer.Ordinal))
        {
            MSBuildDiagnostics.Run(Log, () =>
            {
                var folder = model.Key;
                var outcome = EdgeEngine.Publish(Path.GetDirectoryName(folder)!, Path.GetFileName(folder), [.. model.Select(a => a.GetMetadata("FullPath"))], _cancel.Token);
                var name = model.First().GetMetadata("OutputName");
                Log.LogMessage(MessageImportance.Normal, outcome.Changed
                    ? $"EdgeSdk: {name}: published {outcome.Files.Count} file(s) to '{folder}'"
                    : $"EdgeSdk: {name}: '{folder}' is up to date");
                published.AddRange(outcome.Files.Select(f => new TaskItem(f)));
                var kept = Path.Combine(root, name);
                if (!string.Equals(kept, folder, StringComparison.Ordinal) && Directory.Exists(kept))
                {
                    // A missed budget: the output folder keeps its last good set, which stays this project's output
                    // (listed so that IncrementalClean does not delete it).
                    published.AddRange(Directory.EnumerateFiles(kept).Select(f => new TaskItem(f)));
                }

                return true;
            });
        }

        PublishedFiles = [.. published];
        return true;
    }
}
