// Reads the backend tests' input_N.pb / output_N.pb files. A file is a TensorProto, SequenceProto,
// OptionalProto or MapProto (onnx-data.proto) depending on the declared type of the value; the engine's
// schema has only TensorProto, so the three containers are decoded here field by field.
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;
using Google.Protobuf;

namespace EdgeSdk.Conformance.Tests;

/// <summary>Decodes backend test data files into <see cref="RuntimeValue"/>s.</summary>
internal static class OnnxDataReader
{
    /// <summary>Reads one file as the kind <paramref name="declared"/> says; <c>null</c> stands for an optional holding nothing.</summary>
    public static RuntimeValue Read(string path, TypeProto declared) => Decode(File.ReadAllBytes(path), declared);

    private static RuntimeValue Decode(ByteString bytes, TypeProto declared) => Decode(bytes.ToByteArray(), declared);

    private static RuntimeValue Decode(byte[] bytes, TypeProto declared) => declared.ValueCase switch
    {
        TypeProto.ValueOneofCase.TensorType => RuntimeValue.FromTensor(TestTensorReader.ToTensor(TensorProto.Parser.ParseFrom(bytes), (TensorElementType)declared.TensorType.ElemType)),
        TypeProto.ValueOneofCase.SequenceType => ReadSequence(bytes, declared.SequenceType.ElemType),
        TypeProto.ValueOneofCase.OptionalType => ReadOptional(bytes, declared.OptionalType.ElemType),
        _ => throw new NotSupportedException($"test data of type {declared.ValueCase} is not read"),
    };

    // SequenceProto: 3 tensor_values, 4 sparse_tensor_values, 5 sequence_values, 6 map_values, 7 optional_values.
    private static RuntimeValue ReadSequence(byte[] bytes, TypeProto elementType)
    {
        var items = new List<RuntimeValue>();
        var input = new CodedInputStream(bytes);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 3:
                case 5:
                case 7:
                    items.Add(Decode(input.ReadBytes(), elementType));
                    break;
                case 4:
                case 6:
                    throw new NotSupportedException("sequences of sparse tensors or maps are not read");
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return RuntimeValue.Sequence(items);
    }

    // OptionalProto: 2 elem_type (0 = holds nothing), 3 tensor_value, 5 sequence_value, 7 optional_value.
    private static RuntimeValue ReadOptional(byte[] bytes, TypeProto elementType)
    {
        var input = new CodedInputStream(bytes);
        for (var tag = input.ReadTag(); tag != 0; tag = input.ReadTag())
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 3:
                case 5:
                case 7:
                    return Decode(input.ReadBytes(), elementType);
                case 4:
                case 6:
                    throw new NotSupportedException("optionals of sparse tensors or maps are not read");
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return RuntimeValue.None;
    }
}
