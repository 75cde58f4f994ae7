// Moves large initializers into one external data file when saving: those at or above the caller's
// threshold, and all but the smallest when the model would otherwise exceed protobuf's 2 GiB limit.
// Offsets of tensors of a page or more are page-aligned (4096) so runtimes can mmap them. The data file is
// written atomically before the model that points to it.
using EdgeSdk.IO;
using EdgeSdk.Onnx.Proto;
using Google.Protobuf;

namespace EdgeSdk.Onnx;

/// <summary>Writes external data files for <see cref="ModelFile"/>.</summary>
internal static class ExternalDataWriter
{
    private const int PageSize = 4096;
    private const int SmallAlignment = 16;

    /// <summary>
    /// Returns the model to serialize: <paramref name="model"/> itself when everything stays inline, otherwise
    /// a copy whose large initializers point into the data file, which has then been written.
    /// </summary>
    public static ModelProto Externalize(ModelProto model, string modelPath, ModelSaveOptions options)
    {
        var threshold = options.ExternalDataThreshold;
        if (InlineSize(model) > options.InlineLimitBytes)
        {
            threshold = Math.Min(threshold ?? long.MaxValue, options.ForcedExternalThreshold);
        }

        if (threshold is null || !Candidates(model, threshold.Value).Any())
        {
            return model;
        }

        var fileName = options.ExternalDataFileName ?? Path.GetFileName(modelPath) + ".data";
        if (fileName.Length == 0 || fileName != Path.GetFileName(fileName) || fileName is "." or ".." || ExternalDataReference.LexicalProblem(fileName) is not null)
        {
            throw new Diagnostics.EdgeException(DiagnosticCatalog.Onnx.SaveFailed, $"The external data file name '{fileName}' must be a plain file name (no folder, no '..'): the data file is always written next to the model.");
        }

        var stillExternal = ModelTensors.All(model).Where(x => ExternalDataReference.IsExternal(x.Tensor))
            .Select(x => x.Tensor.ExternalData.FirstOrDefault(e => e.Key == "location")?.Value).ToHashSet(StringComparer.Ordinal);
        if (stillExternal.Contains(fileName))
        {
            throw new Diagnostics.EdgeException(DiagnosticCatalog.Onnx.SaveFailed, $"Saving would overwrite '{fileName}', which tensors of this model still read their data from. Load the model with its external data (ModelFile.Load reads it by default) before saving it with external data.", new Diagnostics.SourceLocation(modelPath));
        }

        var copy = model.Clone();
        var tensors = Candidates(copy, threshold.Value).ToList();
        var dataPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, fileName);
        AtomicFile.Write(dataPath, stream =>
        {
            long offset = 0;
            foreach (var tensor in tensors)
            {
                var raw = tensor.RawData;
                var alignment = raw.Length >= PageSize ? PageSize : SmallAlignment;
                var padding = (alignment - (offset % alignment)) % alignment;
                stream.Write(new byte[padding]);
                offset += padding;
                stream.Write(raw.Span);
                tensor.ExternalData.Clear();
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = fileName });
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = offset.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                tensor.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = raw.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                tensor.DataLocation = TensorProto.Types.DataLocation.External;
                tensor.RawData = ByteString.Empty;
                offset += raw.Length;
            }
        });

        if (InlineSize(copy) > options.InlineLimitBytes)
        {
            throw new Diagnostics.EdgeException(DiagnosticCatalog.Onnx.SaveFailed, $"The model still exceeds protobuf's 2 GiB limit after moving initializers to '{fileName}': its remaining tensors store data in typed fields or attributes. Convert large constants to raw_data initializers.", new Diagnostics.SourceLocation(modelPath));
        }

        return copy;
    }

    /// <summary>Returns the bytes a model's tensors occupy inline (an upper-bound estimate of the serialized size's tensor part).</summary>
    public static long InlineSize(ModelProto model) => ModelTensors.All(model).Sum(x => TensorBytes(x.Tensor));

    private static long TensorBytes(TensorProto t) => t.RawData.Length + (4L * t.FloatData.Count) + (4L * t.Int32Data.Count) + (8L * t.Int64Data.Count)
        + (8L * t.DoubleData.Count) + (8L * t.Uint64Data.Count) + t.StringData.Sum(s => (long)s.Length);

    private static IEnumerable<TensorProto> Candidates(ModelProto model, long threshold) => ModelTensors.All(model)
        .Where(x => x.IsInitializer && !ExternalDataReference.IsExternal(x.Tensor) && x.Tensor.RawData.Length > 0 && x.Tensor.RawData.Length >= threshold)
        .Select(x => x.Tensor);
}
