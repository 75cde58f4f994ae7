// The SDK, project and pipeline section of the diagnostics catalogue (Sdk). Each code is defined once, here; see
// DiagnosticCatalog for how to add one. docs/diagnostics.md is generated from these definitions.
using System.ComponentModel;

namespace EdgeSdk.Diagnostics;

internal static partial class DiagnosticCatalog
{
    /// <summary>Codes of the SDK, project and pipeline area.</summary>
    [Description("SDK, project and pipeline")]
    internal static class Sdk
    {
        /// <summary>EDGE0001 Edge model without recipe.</summary>
        public static readonly DiagnosticDescriptor EdgeModelWithoutRecipe = new("EDGE0001", DiagnosticSeverity.Error, "Edge model without recipe",
            "An `EdgeModel` item has no `Recipe` metadata. Add `Recipe=\"path/to/recipe.yaml\"` to the item.") { RaisedBy = "sdk/EdgeSdk/build/EdgeSdk.targets" };

        /// <summary>EDGE0002 File not found.</summary>
        public static readonly DiagnosticDescriptor FileNotFound = new("EDGE0002", DiagnosticSeverity.Error, "File not found",
            "A file the build needs does not exist.");

        /// <summary>EDGE0003 Artifact write failed.</summary>
        public static readonly DiagnosticDescriptor ArtifactWriteFailed = new("EDGE0003", DiagnosticSeverity.Error, "Artifact write failed",
            "An artifact could not be written.");

        /// <summary>EDGE0004 Cancelled.</summary>
        public static readonly DiagnosticDescriptor Cancelled = new("EDGE0004", DiagnosticSeverity.Error, "Cancelled",
            "The build was cancelled.");

        /// <summary>EDGE0005 Pipeline state missing.</summary>
        public static readonly DiagnosticDescriptor PipelineStateMissing = new("EDGE0005", DiagnosticSeverity.Error, "Pipeline state missing",
            "A step record or the evaluation results are missing from the work folder (for example after deleting part of `obj/`). Rebuild.");

        /// <summary>EDGE0010 ONNX Runtime missing when packing (retired: ONNX Runtime comes from NuGet).</summary>
        public static readonly DiagnosticDescriptor OnnxRuntimeMissingWhenPacking = new("EDGE0010", DiagnosticSeverity.Error, "ONNX Runtime missing when packing",
            "Retired, never reused: packing the SDK without the npm-fetched ONNX Runtime. ONNX Runtime now comes from the Microsoft.ML.OnnxRuntime NuGet package, which restore provides.");

        /// <summary>EDGE0020 Malformed property.</summary>
        public static readonly DiagnosticDescriptor MalformedProperty = new("EDGE0020", DiagnosticSeverity.Error, "Malformed property",
            "A build property for `${Name}` substitution (`--property`/`-p` of `edgesdk run` and `validate`, or an entry of the MSBuild property `EdgeRecipeProperties`) is not written `Name=Value` with a non-empty name.");

        /// <summary>EDGE0021 Duplicate property.</summary>
        public static readonly DiagnosticDescriptor DuplicateProperty = new("EDGE0021", DiagnosticSeverity.Error, "Duplicate property",
            "The same build property is given twice (names compare case-insensitively), so which value a recipe's `${Name}` gets would be a guess. Give each property once.");

        /// <summary>EDGE0022 No model.</summary>
        public static readonly DiagnosticDescriptor ModelNotGiven = new("EDGE0022", DiagnosticSeverity.Error, "No model",
            "`edgesdk run` has no model to optimize: the recipe has no `model:` key and no `--model` was given. Add either.");

        /// <summary>EDGE0030 Not a regular file.</summary>
        public static readonly DiagnosticDescriptor NotARegularFile = new("EDGE0030", DiagnosticSeverity.Error, "Not a regular file",
            "A file EdgeSdk must read (a model, a data file) is empty or is not a regular file: a device such as `/dev/zero`, a FIFO or a socket. Only regular files are read, each bounded by its size, so no input can hang the build. Give a real file.");

        /// <summary>EDGE0031 File too large.</summary>
        public static readonly DiagnosticDescriptor FileTooLarge = new("EDGE0031", DiagnosticSeverity.Error, "File too large",
            "A file is larger than EdgeSdk accepts for its kind: a recipe or target profile above 1 MiB, or a model or data file larger than a quarter of the memory available to the build (refused before it is read).");

        /// <summary>EDGE0032 Output name clash.</summary>
        public static readonly DiagnosticDescriptor OutputNameClash = new("EDGE0032", DiagnosticSeverity.Error, "Output name clash",
            "Two `EdgeModel` items of one project would use the same folders `obj/…/edge/<name>/` and `bin/…/edge/<name>/`: their files share a name (`a/model.onnx`, `b/model.onnx`; names compare ignoring case) or one model is listed twice (for example with two recipes). Neither is built. Give each item its own `OutputName` metadata.");

        /// <summary>EDGE0033 Invalid output name.</summary>
        public static readonly DiagnosticDescriptor InvalidOutputName = new("EDGE0033", DiagnosticSeverity.Error, "Invalid output name",
            "An `EdgeModel` item's `OutputName` is not a plain folder name: it is empty, `.` or `..`, holds a path separator or a character a file name cannot hold, or starts with `.` (reserved for the publisher's staging folders). Give a plain name such as `digits-int8`.");

        /// <summary>EDGE0034 Work file corrupted.</summary>
        public static readonly DiagnosticDescriptor WorkFileCorrupted = new("EDGE0034", DiagnosticSeverity.Warning, "Work file corrupted",
            "A step's output model in `obj/…/edge/<model>/` no longer has the sha256 recorded when the step wrote it (it was overwritten or damaged), `model.ort` there no longer has the sha256 recorded when it was converted, or the evaluation results there are unreadable. The file is deleted and recomputed in this build; nothing needs to be done.");

        /// <summary>EDGE0035 Work folder changed by another build.</summary>
        public static readonly DiagnosticDescriptor WorkFolderChanged = new("EDGE0035", DiagnosticSeverity.Error, "Work folder changed by another build",
            "Another build of the same project re-planned this model (its recipe, model or data changed) while this build ran a step or finished, so this build's result would not match the work folder in `obj/…/edge/<model>/`: it was not kept and nothing was published. Rebuild; run one build of a project at a time when its recipe changes.");

        /// <summary>EDGE0099 Internal error.</summary>
        public static readonly DiagnosticDescriptor InternalError = new("EDGE0099", DiagnosticSeverity.Error, "Internal error",
            "EdgeSdk failed unexpectedly: a bug in EdgeSdk, not in the project. The message names the exception; MSBuild's detailed log (`-v:d`) or `EDGESDK_TRACE=1` for the CLI shows the stack trace. Please report it with the model and recipe that caused it.");
    }
}
