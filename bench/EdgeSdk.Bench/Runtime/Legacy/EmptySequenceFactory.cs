// Pre-#12 binding (hand-written ONNX Runtime C-API binding of EdgeSdk <= 0.1, restored from f4e5b86), kept
// only as the runtime-overhead benchmark's baseline; nothing outside bench/ uses it. Original note:
// ORT's C API cannot create an empty sequence (CreateValue takes the element type from the first item).
// An empty sequence input is therefore produced by ORT itself: a one-node model (SequenceEmpty with the
// wanted dtype) is run once per element type and its output value is fed to the real session.
using System.Collections.Concurrent;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Bench.Runtime.Legacy;

/// <summary>Creates native empty sequences of tensors.</summary>
internal static class EmptySequenceFactory
{
    private static readonly ConcurrentDictionary<TensorElementType, Lazy<InferenceSession>> Sessions = new();

    /// <summary>Creates an owned OrtValue holding an empty sequence of <paramref name="elementType"/> tensors.</summary>
    public static nint Create(TensorElementType elementType)
    {
        var session = Sessions.GetOrAdd(elementType, t => new Lazy<InferenceSession>(() => InferenceSession.FromModel(Model(t)))).Value;
        var outputs = session.RunNative([], ["empty"], CancellationToken.None);
        return outputs[0];
    }

    private static ModelProto Model(TensorElementType elementType)
    {
        var tensor = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)elementType } };
        var node = new NodeProto { OpType = "SequenceEmpty", Name = "empty" };
        node.Output.Add("empty");
        node.Attribute.Add(new AttributeProto { Name = "dtype", Type = AttributeProto.Types.AttributeType.Int, I = (int)elementType });
        var graph = new GraphProto { Name = "empty_sequence" };
        graph.Node.Add(node);
        graph.Output.Add(new ValueInfoProto { Name = "empty", Type = new TypeProto { SequenceType = new TypeProto.Types.Sequence { ElemType = tensor } } });
        var model = new ModelProto { IrVersion = 8, ProducerName = "EdgeSdk", Graph = graph };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = 17 });
        return model;
    }
}
