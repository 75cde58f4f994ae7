// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// Reads an OrtTypeInfo into ValueMetadata, unwrapping sequences and optionals down to their tensor.
using System.Runtime.InteropServices;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Turns ORT type info into <see cref="ValueMetadata"/>.</summary>
internal static unsafe class TypeInfoReader
{
    /// <summary>Reads (without releasing) <paramref name="typeInfo"/>.</summary>
    public static ValueMetadata Read(OrtApi api, string name, nint typeInfo)
    {
        int kind;
        OrtStatus.Check(api, api.GetOnnxTypeFromTypeInfo(typeInfo, &kind), $"reading the type of '{name}'");
        var valueKind = (OnnxValueKind)kind;
        var (elementType, shape, symbols) = ReadInnerTensor(api, name, typeInfo, valueKind);
        return new ValueMetadata(name, valueKind, elementType, shape, symbols);
    }

    private static (TensorElementType, long[], string?[]) ReadInnerTensor(OrtApi api, string name, nint typeInfo, OnnxValueKind kind)
    {
        switch (kind)
        {
            case OnnxValueKind.Tensor:
                nint tensorInfo;
                OrtStatus.Check(api, api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), $"reading the tensor type of '{name}'");
                return tensorInfo == 0 ? (TensorElementType.Undefined, [], []) : ReadTensorInfo(api, name, tensorInfo);
            case OnnxValueKind.Sequence:
                nint sequenceInfo, elementInfo;
                OrtStatus.Check(api, api.CastTypeInfoToSequenceTypeInfo(typeInfo, &sequenceInfo), $"reading the sequence type of '{name}'");
                OrtStatus.Check(api, api.GetSequenceElementType(sequenceInfo, &elementInfo), $"reading the sequence element type of '{name}'");
                return ReadOwned(api, name, elementInfo);
            case OnnxValueKind.Optional:
                nint optionalInfo, containedInfo;
                OrtStatus.Check(api, api.CastTypeInfoToOptionalTypeInfo(typeInfo, &optionalInfo), $"reading the optional type of '{name}'");
                OrtStatus.Check(api, api.GetOptionalContainedTypeInfo(optionalInfo, &containedInfo), $"reading the optional element type of '{name}'");
                return ReadOwned(api, name, containedInfo);
            default:
                return (TensorElementType.Undefined, [], []);
        }
    }

    private static (TensorElementType, long[], string?[]) ReadOwned(OrtApi api, string name, nint typeInfo)
    {
        try
        {
            int kind;
            OrtStatus.Check(api, api.GetOnnxTypeFromTypeInfo(typeInfo, &kind), $"reading the type of '{name}'");
            return ReadInnerTensor(api, name, typeInfo, (OnnxValueKind)kind);
        }
        finally
        {
            api.ReleaseTypeInfo(typeInfo);
        }
    }

    private static (TensorElementType, long[], string?[]) ReadTensorInfo(OrtApi api, string name, nint info)
    {
        int ortType;
        nuint rank;
        OrtStatus.Check(api, api.GetTensorElementType(info, &ortType), $"reading the element type of '{name}'");
        OrtStatus.Check(api, api.GetDimensionsCount(info, &rank), $"reading the rank of '{name}'");
        var shape = new long[(int)rank];
        var symbols = new string?[(int)rank];
        var symbolPointers = new nint[(int)rank];
        fixed (long* dims = shape)
        fixed (nint* syms = symbolPointers)
        {
            OrtStatus.Check(api, api.GetDimensions(info, dims, rank), $"reading the shape of '{name}'");
            OrtStatus.Check(api, api.GetSymbolicDimensions(info, (byte**)syms, rank), $"reading the symbolic shape of '{name}'");
        }

        for (var i = 0; i < symbols.Length; i++)
        {
            var symbol = symbolPointers[i] == 0 ? null : Marshal.PtrToStringUTF8(symbolPointers[i]);
            symbols[i] = string.IsNullOrEmpty(symbol) ? null : symbol;
            if (shape[i] < 0)
            {
                shape[i] = -1;
            }
        }

        return (OrtElementTypes.FromOrt(ortType), shape, symbols);
    }
}
