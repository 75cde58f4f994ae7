// Every element type the managed ORT package describes goes through the runtime layer and comes back
// unchanged (an Identity model), including strings; graph inputs or outputs of the newer types (float8, 4-
// and 2-bit) are refused by that package when it reads the model's metadata, which surfaces as EDGE3004
// with a way out; dynamic dimensions are reported and honoured.
using System.Numerics;
using EdgeSdk.Runtime;
using EdgeSdk.Tensors;

namespace EdgeSdk.Engine.Tests.Runtime;

public sealed class ElementTypeTests
{
    public static TheoryData<string> AllTypes() => new(Types.Select(t => t.ToString()));

    private static readonly TensorElementType[] Types =
    [
        TensorElementType.Float, TensorElementType.Int64, TensorElementType.Int32, TensorElementType.Int8,
        TensorElementType.UInt8, TensorElementType.Bool, TensorElementType.String, TensorElementType.Double,
        TensorElementType.Float16, TensorElementType.UInt16, TensorElementType.Int16, TensorElementType.UInt32,
        TensorElementType.UInt64, TensorElementType.BFloat16,
    ];

    public static TheoryData<string> UndescribedTypes() => new(new[]
    {
        TensorElementType.Float8E4M3FN, TensorElementType.Float8E4M3FNUZ, TensorElementType.Float8E5M2, TensorElementType.Float8E5M2FNUZ,
        TensorElementType.UInt4, TensorElementType.Int4, TensorElementType.Float4E2M1, TensorElementType.Float8E8M0, TensorElementType.UInt2, TensorElementType.Int2,
    }.Select(t => t.ToString()));

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Identity_returns_the_same_values(string typeName)
    {
        var type = Enum.Parse<TensorElementType>(typeName);
        using var session = InferenceSession.FromModel(TinyModels.Identity(type));
        var input = Sample(type, rows: 2);

        var output = session.Run(new Dictionary<string, Tensor> { ["x"] = input })["y"];

        session.Inputs[0].ElementType.Should().Be(type);
        session.Outputs[0].ElementType.Should().Be(type);
        output.ElementType.Should().Be(type);
        output.Shape.Should().Equal(2, 3);
        output.Data.Should().BeEquivalentTo(input.Data, o => o.WithStrictOrdering());
    }

    [Theory]
    [MemberData(nameof(UndescribedTypes))]
    public void Graph_io_of_types_the_managed_package_cannot_describe_is_EDGE3004_with_advice(string typeName)
    {
        var type = Enum.Parse<TensorElementType>(typeName);

        var act = () => InferenceSession.FromModel(TinyModels.PassThrough(type));

        act.Should().Throw<EdgeSdk.Diagnostics.EdgeException>()
            .Where(e => e.Diagnostics[0].Code == "EDGE3004")
            .WithMessage($"*{type}*Unregistered TensorElementType value of*Cast*");
    }

    [Fact]
    public void Complex_tensors_are_refused_by_ort_with_its_message()
    {
        var act = () => InferenceSession.FromModel(TinyModels.PassThrough(TensorElementType.Complex64));

        act.Should().Throw<EdgeSdk.Diagnostics.EdgeException>().WithMessage("*EDGE3003*tensor(complex64) is not currently registered or supported*");
    }

    [Fact]
    public void Dynamic_dimensions_are_reported_and_accept_any_size()
    {
        using var session = InferenceSession.FromModel(TinyModels.Identity(TensorElementType.Float));

        session.Inputs[0].Shape.Should().Equal(-1, 3);
        session.Inputs[0].SymbolicDims.Should().Equal("N", null);
        session.Inputs[0].IsStatic.Should().BeFalse();
        foreach (var rows in new[] { 1, 5, 0 })
        {
            var y = session.Run(new Dictionary<string, Tensor> { ["x"] = Sample(TensorElementType.Float, rows) })["y"];
            y.Shape.Should().Equal(rows, 3);
        }
    }

    [Fact]
    public void Free_dimension_override_fixes_the_symbolic_dimension()
    {
        var options = new SessionOptions { FreeDimensionOverrides = new Dictionary<string, long> { ["N"] = 2 } };
        using var session = InferenceSession.FromModel(TinyModels.Identity(TensorElementType.Float), options);

        session.Inputs[0].Shape.Should().Equal(2, 3);
    }

    [Fact]
    public void Packed_4bit_values_round_trip_through_the_codec()
    {
        byte[] packed = new byte[3];
        var values = new byte[] { 0xF9, 0x07, 0x00, 0xF8, 0x01 }; // -7, 7, 0, -8, 1 as signed nibbles
        SubByteCodec.Pack(values, 2, packed);
        packed.Should().Equal(0x79, 0x80, 0x01);
        var back = new byte[5];
        SubByteCodec.Unpack(packed, 2, signed: true, back);
        back.Select(b => (sbyte)b).Should().Equal(-7, 7, 0, -8, 1);
    }

    private static Tensor Sample(TensorElementType type, int rows)
    {
        var n = rows * 3;
        var ints = Enumerable.Range(0, n).Select(i => (i * 37 % 11) - 4).ToArray();
        Array data = type switch
        {
            TensorElementType.Float => ints.Select(i => i * 0.75f).ToArray(),
            TensorElementType.Double => ints.Select(i => i * 1.0e-3).ToArray(),
            TensorElementType.Int64 => ints.Select(i => i * 1_000_000_007L).ToArray(),
            TensorElementType.Int32 => ints.Select(i => i * 100_003).ToArray(),
            TensorElementType.Int16 => ints.Select(i => (short)(i * 1000)).ToArray(),
            TensorElementType.UInt16 => ints.Select(i => (ushort)(i + 60000)).ToArray(),
            TensorElementType.Int8 => ints.Select(i => (sbyte)(i * 20)).ToArray(),
            TensorElementType.UInt8 => ints.Select(i => (byte)(i + 200)).ToArray(),
            TensorElementType.UInt32 => ints.Select(i => (uint)(i + 4_000_000_000L)).ToArray(),
            TensorElementType.UInt64 => ints.Select(i => (ulong)(i + 10)).ToArray(),
            TensorElementType.Bool => ints.Select(i => i % 2 == 0).ToArray(),
            TensorElementType.String => ints.Select(i => i < 0 ? $"neg{i}" : i == 0 ? string.Empty : $"é{i}☃").ToArray(),
            TensorElementType.Float16 => ints.Select(i => (Half)(i * 0.5f)).ToArray(),
            TensorElementType.BFloat16 => ints.Select(i => (ushort)(0x3F80 + i)).ToArray(),
            TensorElementType.Complex64 or TensorElementType.Complex128 => ints.Select(i => new Complex(i, -i * 0.5)).ToArray(),
            TensorElementType.Int4 => ints.Select(i => (sbyte)i).ToArray(),
            TensorElementType.Int2 => ints.Select(i => (sbyte)Math.Clamp(i, -2, 1)).ToArray(),
            TensorElementType.UInt2 => ints.Select(i => (byte)(i & 0x03)).ToArray(),
            _ => ints.Select(i => (byte)(i & 0x0F)).ToArray(),
        };
        return Tensor.Create(type, data, [rows, 3]);
    }
}
