// Reads external tensor data into raw_data when a model is loaded. Every reference is validated first
// (relative, inside the model's folder after resolving symbolic links, within the file, right size), so a
// model that points anywhere it should not is refused before a single byte is read.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;
using Google.Protobuf;

namespace EdgeSdk.Onnx;

/// <summary>Loads external data of a model's tensors.</summary>
internal static class ExternalDataLoader
{
    /// <summary>Replaces every external reference in <paramref name="model"/> by the data it points to.</summary>
    public static void LoadInto(ModelProto model, string modelDirectory, SourceLocation where)
    {
        var pending = new List<(TensorProto Tensor, ExternalDataReference Reference, string Path)>();
        foreach (var (tensor, _) in ModelTensors.All(model))
        {
            if (!ExternalDataReference.IsExternal(tensor))
            {
                continue;
            }

            var reference = ExternalDataReference.Parse(tensor, where);
            pending.Add((tensor, reference, reference.ResolveUnder(modelDirectory, where)));
        }

        foreach (var (tensor, reference, path) in pending)
        {
            tensor.RawData = ByteString.CopyFrom(Read(tensor, reference, path, where));
            tensor.ExternalData.Clear();
            tensor.DataLocation = TensorProto.Types.DataLocation.Default;
        }
    }

    private static byte[] Read(TensorProto tensor, ExternalDataReference reference, string path, SourceLocation where)
    {
        if (!File.Exists(path))
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.ExternalDataInvalid, $"Tensor '{tensor.Name}' stores its data in '{reference.Location}', which does not exist next to the model. Copy the data file next to the model.", where);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var length = reference.Length ?? (stream.Length - reference.Offset);
        if (reference.Offset > stream.Length || length < 0 || reference.Offset + length > stream.Length)
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.ExternalDataInvalid, $"Tensor '{tensor.Name}' reads bytes {reference.Offset}..{reference.Offset + length} of '{reference.Location}', but the file has {stream.Length} bytes. The data file does not belong to this model or is truncated.", where);
        }

        var expected = TensorByteSize.Of((TensorElementType)tensor.DataType, Tensor.ElementCount(tensor.Dims.ToArray()));
        if (expected is { } size && size != length)
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.ExternalDataInvalid, $"Tensor '{tensor.Name}' has {length} bytes of external data in '{reference.Location}', but its type and shape need {size}. The data file does not belong to this model.", where);
        }

        if (length > Array.MaxLength)
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.ExternalDataInvalid, $"Tensor '{tensor.Name}' has {length} bytes of external data, more than one in-memory buffer holds. Split the tensor.", where);
        }

        var buffer = new byte[length];
        stream.Seek(reference.Offset, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        return buffer;
    }
}
