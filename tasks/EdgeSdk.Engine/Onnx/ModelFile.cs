// Loading and saving ONNX model files. Saving is atomic (temp file, then rename) so a failed or
// cancelled build never leaves a half-written model where the last good one was.
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;
using Google.Protobuf;

namespace EdgeSdk.Onnx;

/// <summary>Reads and writes <c>.onnx</c> files.</summary>
internal static class ModelFile
{
    // Exporters nest graphs (If/Loop bodies) deeper than protobuf's default recursion limit of 100.
    private const int RecursionLimit = 1000;

    /// <summary>Loads a model, reporting a located <c>EDGE4001</c> error when the file is not a valid ONNX model.</summary>
    public static ModelProto Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new EdgeException(DiagnosticCodes.FileNotFound, $"The model file '{path}' does not exist. Check the path in the recipe or the EdgeModel item.", new SourceLocation(path));
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses model bytes; <paramref name="sourceName"/> names the origin in errors.</summary>
    public static ModelProto Parse(byte[] bytes, string sourceName = "<memory>")
    {
        try
        {
            var input = CodedInputStream.CreateWithLimits(new MemoryStream(bytes, writable: false), int.MaxValue, RecursionLimit);
            var model = ModelProto.Parser.ParseFrom(input);
            if (model.IrVersion <= 0 || model.Graph is null)
            {
                var missing = model.IrVersion <= 0 ? "ir_version" : "graph";
                throw new EdgeException(DiagnosticCodes.MalformedModel, $"'{sourceName}' is not a valid ONNX model: the required field '{missing}' is missing. Re-export the model or check that the file is a .onnx model.", new SourceLocation(sourceName));
            }

            return model;
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new EdgeException(DiagnosticCodes.MalformedModel, $"'{sourceName}' is not a valid ONNX model: {ex.Message}. Re-export the model or check that the file is not truncated.", new SourceLocation(sourceName), ex);
        }
    }

    /// <summary>Serializes a model to bytes (deterministic: the same model gives the same bytes).</summary>
    public static byte[] ToBytes(ModelProto model) => model.ToByteArray();

    /// <summary>Saves a model atomically: writes a temporary file beside the target, then renames it.</summary>
    public static void Save(ModelProto model, string path) => AtomicFile.WriteAllBytes(path, ToBytes(model));
}
