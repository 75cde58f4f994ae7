// Installs the engine's DllImport resolver on the ONNX Runtime managed assembly, once per load context
// (MSBuild gives each task assembly its own, and worker nodes outlive builds). It loads the first existing
// candidate of OrtNativeLocator and remembers what it probed, so a failure is reported as EDGE3001 listing
// every path. ORT's own resolver is disabled first (two resolvers on one assembly are not allowed).
using System.Reflection;
using System.Runtime.InteropServices;

namespace EdgeSdk.Runtime;

/// <summary>Resolves <c>onnxruntime</c> for the managed package.</summary>
internal static class OrtNativeResolver
{
    private static readonly object Gate = new();
    private static bool installed;
    private static readonly List<string> Probed = [];

    /// <summary>Gets the path the native library was loaded from, or null before it is loaded (or when the runtime's default probing found it).</summary>
    public static string? LoadedPath { get; private set; }

    /// <summary>Gets what was probed and why each candidate failed, for EDGE3001.</summary>
    public static IReadOnlyList<string> Failures
    {
        get
        {
            lock (Gate)
            {
                return Probed.ToList();
            }
        }
    }

    /// <summary>Installs the resolver (idempotent). Must run before any ORT type is used.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (installed)
            {
                return;
            }

            installed = true;
            Microsoft.ML.OnnxRuntime.OrtEnv.DisableDllImportResolver = true;
            try
            {
                NativeLibrary.SetDllImportResolver(typeof(Microsoft.ML.OnnxRuntime.OrtEnv).Assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                // Another component of this load context already set one; its resolution stands.
            }
        }
    }

    /// <summary>Tries each candidate in order; returns the handle of the first that loads, recording failures.</summary>
    public static nint LoadFirst(IReadOnlyList<string> candidates, List<string> failures, out string? loadedFrom)
    {
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate))
            {
                failures.Add($"{candidate} (not found)");
                continue;
            }

            if (!NativeLibrary.TryLoad(candidate, out var handle))
            {
                failures.Add($"{candidate} (exists but could not be loaded)");
                continue;
            }

            if (!NativeLibrary.TryGetExport(handle, "OrtGetApiBase", out _))
            {
                failures.Add($"{candidate} (no OrtGetApiBase export: not an ONNX Runtime library)");
                continue;
            }

            loadedFrom = candidate;
            return handle;
        }

        loadedFrom = null;
        return 0;
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (!libraryName.Equals("onnxruntime", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        lock (Gate)
        {
            Probed.Clear();
            var handle = LoadFirst(OrtNativeLocator.CandidatePaths(), Probed, out var path);
            LoadedPath = path;
            return handle;
        }
    }
}
