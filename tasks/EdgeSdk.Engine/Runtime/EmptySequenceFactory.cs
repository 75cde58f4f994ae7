// ORT cannot create an empty sequence from the API (the element type comes from the first item). An empty
// sequence input is therefore produced by ORT itself: a one-node model (SequenceEmpty with the wanted dtype)
// is run once per request and its output value is fed to the real session.
using System.Collections.Concurrent;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>Creates empty sequences of a given tensor element type.</summary>
internal static class EmptySequenceFactory
{
    private static readonly ConcurrentDictionary<TensorElementType, Lazy<InferenceSession>> Sessions = new();

    /// <summary>Creates an owned empty sequence of <paramref name="elementType"/> tensors (the caller disposes it).</summary>
    public static Ort.OrtValue Create(TensorElementType elementType)
    {
        var session = Sessions.GetOrAdd(elementType, t => new Lazy<InferenceSession>(() => InferenceSession.FromModel(Model(t)))).Value;
        return session.RunNative([], [], ["empty"], CancellationToken.None)[0]
            ?? throw new InvalidOperationException("SequenceEmpty produced no value.");
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
