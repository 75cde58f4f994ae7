// Loading and saving ONNX model files. Loading reads external tensor data (refusing locations outside the
// model's folder before reading anything); saving is atomic (temp file, then rename) so a failed or
// cancelled build never leaves a half-written model where the last good one was, and moves large
// initializers to an external data file above a threshold or when the model would exceed 2 GiB.
using EdgeSdk.IO;
using EdgeSdk.Diagnostics;
using EdgeSdk.Onnx.Proto;
using Google.Protobuf;

namespace EdgeSdk.Onnx;

/// <summary>Reads and writes <c>.onnx</c> files.</summary>
internal static class ModelFile
{
    // Exporters nest graphs (If/Loop bodies) deeper than protobuf's default recursion limit of 100.
    private const int RecursionLimit = 1000;

    /// <summary>Loads a model with its external data, reporting a located <c>EDGE4001</c> error when the file is not a valid ONNX model.</summary>
    public static ModelProto Load(string path) => Load(path, ModelLoadOptions.Default);

    /// <summary>Loads a model with the given options.</summary>
    public static ModelProto Load(string path, ModelLoadOptions options)
    {
        if (!File.Exists(path))
        {
            throw new EdgeException(DiagnosticCatalog.Sdk.FileNotFound, $"The model file '{path}' does not exist. Check the path in the recipe or the EdgeModel item.", new SourceLocation(path));
        }

        // Protobuf messages are limited to 2 GiB; larger weights live in external data files.
        IO.BoundedFile.CheckedLength(path, Math.Min(int.MaxValue, IO.BoundedFile.MemoryLimit), "model file");
        ModelProto model;
        using (var stream = IO.BoundedFile.OpenRegular(path, "model file"))
        {
            model = Parse(stream, path, options.RequireValidHeader);
        }

        if (options.LoadExternalData)
        {
            ExternalDataLoader.LoadInto(model, Path.GetDirectoryName(Path.GetFullPath(path))!, new SourceLocation(path));
        }

        return model;
    }

    /// <summary>Parses model bytes; <paramref name="sourceName"/> names the origin in errors.</summary>
    public static ModelProto Parse(byte[] bytes, string sourceName = "<memory>") => Parse(new MemoryStream(bytes, writable: false), sourceName, requireValidHeader: true);

    /// <summary>Serializes a model to bytes (deterministic: the same model gives the same bytes).</summary>
    public static byte[] ToBytes(ModelProto model) => model.ToByteArray();

    /// <summary>Saves a model atomically, everything inline unless it would exceed protobuf's 2 GiB limit.</summary>
    public static void Save(ModelProto model, string path) => Save(model, path, ModelSaveOptions.Default);

    /// <summary>Saves a model atomically, moving initializers to an external data file as <paramref name="options"/> says (the data file is written first).</summary>
    public static void Save(ModelProto model, string path, ModelSaveOptions options)
    {
        var toWrite = ExternalDataWriter.Externalize(model, path, options);
        AtomicFile.Write(path, stream =>
        {
            using var output = new CodedOutputStream(stream, leaveOpen: true);
            toWrite.WriteTo(output);
            output.Flush();
        });
    }

    private static ModelProto Parse(Stream stream, string sourceName, bool requireValidHeader)
    {
        try
        {
            var input = CodedInputStream.CreateWithLimits(stream, int.MaxValue, RecursionLimit);
            var model = ModelProto.Parser.ParseFrom(input);
            if (requireValidHeader && (model.IrVersion <= 0 || model.Graph is null))
            {
                var missing = model.IrVersion <= 0 ? "ir_version" : "graph";
                throw new EdgeException(DiagnosticCatalog.Onnx.MalformedModel, $"'{sourceName}' is not a valid ONNX model: the required field '{missing}' is missing. Re-export the model or check that the file is a .onnx model.", new SourceLocation(sourceName));
            }

            return model;
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new EdgeException(DiagnosticCatalog.Onnx.MalformedModel, $"'{sourceName}' is not a valid ONNX model: {ex.Message}. Re-export the model or check that the file is not truncated.", new SourceLocation(sourceName), ex);
        }
    }
}
