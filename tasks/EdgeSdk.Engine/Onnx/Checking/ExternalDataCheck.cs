// Checks external data references without reading any data: each location must be relative and stay in
// the model's folder; when the model's path is known, the file must exist (after resolving symbolic links
// inside the folder) and the offset/length must lie within it.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;

namespace EdgeSdk.Onnx.Checking;

/// <summary>Validates the external data entries of a graph's initializers.</summary>
internal static class ExternalDataCheck
{
    /// <summary>Adds a finding per invalid external data reference in <paramref name="graph"/>.</summary>
    public static void Check(GraphProto graph, List<EdgeDiagnostic> sink, SourceLocation? location)
    {
        var modelDirectory = location is not null && File.Exists(location.File) ? Path.GetDirectoryName(Path.GetFullPath(location.File)) : null;
        var tensors = graph.Initializer.Concat(graph.SparseInitializer.SelectMany(s => new[] { s.Values, s.Indices }).Where(t => t is not null));
        foreach (var tensor in tensors.Where(ExternalDataReference.IsExternal))
        {
            try
            {
                var reference = ExternalDataReference.Parse(tensor, location);
                if (modelDirectory is null)
                {
                    if (ExternalDataReference.LexicalProblem(reference.Location) is not null)
                    {
                        reference.ResolveUnder(Path.GetTempPath(), location);
                    }

                    continue;
                }

                var path = reference.ResolveUnder(modelDirectory, location);
                var file = new FileInfo(path);
                if (!file.Exists)
                {
                    sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.ExternalDataInvalid, $"Tensor '{tensor.Name}' stores its data in '{reference.Location}', which does not exist next to the model. Copy the data file next to the model.", location));
                }
                else if (reference.Offset + (reference.Length ?? 0) > file.Length)
                {
                    sink.Add(EdgeDiagnostic.Error(DiagnosticCatalog.Onnx.ExternalDataInvalid, $"Tensor '{tensor.Name}' reads bytes {reference.Offset}..{reference.Offset + (reference.Length ?? 0)} of '{reference.Location}', but the file has {file.Length} bytes. The data file does not belong to this model or is truncated.", location));
                }
            }
            catch (EdgeException ex)
            {
                sink.AddRange(ex.Diagnostics);
            }
        }
    }
}
