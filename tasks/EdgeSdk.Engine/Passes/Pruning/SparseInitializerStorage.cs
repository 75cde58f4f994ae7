// Stores mostly-zero weights as ONNX sparse_initializer entries (values + linear indices in the smallest
// integer type that addresses the tensor) so the file shrinks with the sparsity. ONNX Runtime expands them
// to dense tensors when it loads the model; its CPU kernels run no faster. A weight is converted only when
// the sparse form is smaller than the dense one. Densify reverses it for passes that read initializers.
using EdgeSdk.Onnx;
using EdgeSdk.Onnx.Proto;
using EdgeSdk.Tensors;

namespace EdgeSdk.Passes.Pruning;

/// <summary>Converts dense initializers to sparse_initializer entries and back.</summary>
internal static class SparseInitializerStorage
{
    /// <summary>Converts the named float initializers when that saves bytes; returns (name, dense bytes, stored bytes) per converted weight.</summary>
    public static List<(string Name, long DenseBytes, long SparseBytes)> Sparsify(ModelGraph graph, IEnumerable<string> names)
    {
        var converted = new List<(string, long, long)>();
        foreach (var name in names.Distinct(StringComparer.Ordinal))
        {
            if (graph.GetInitializer(name) is not { DataType: (int)TensorProto.Types.DataType.Float } dense)
            {
                continue;
            }

            var data = TensorProtoConverter.ToFloatArray(dense);
            var nonZero = Enumerable.Range(0, data.Length).Where(i => data[i] != 0).ToArray();
            var indexType = IndexTypeFor(data.Length);
            var indexBytes = indexType == TensorElementType.Int16 ? 2 : indexType == TensorElementType.Int32 ? 4 : 8;
            long denseBytes = data.Length * 4L, sparseBytes = nonZero.Length * (4L + indexBytes);
            if (sparseBytes >= denseBytes)
            {
                continue;
            }

            var values = TensorProtoConverter.FromFloat(name, nonZero.Select(i => data[i]).ToArray(), nonZero.Length);
            Array indices = indexType switch
            {
                TensorElementType.Int16 => nonZero.Select(i => (short)i).ToArray(),
                TensorElementType.Int32 => nonZero,
                _ => nonZero.Select(i => (long)i).ToArray(),
            };
            var sparse = new SparseTensorProto { Values = values, Indices = TensorProtoConverter.FromTensor(name + "_indices", Tensor.FromArray(indices, [nonZero.Length])) };
            sparse.Dims.AddRange(dense.Dims);
            graph.RemoveInitializer(name);
            graph.Graph.SparseInitializer.Add(sparse);
            converted.Add((name, denseBytes, sparseBytes));
        }

        graph.Invalidate();
        return converted;
    }

    /// <summary>Turns every sparse_initializer back into a dense initializer (for passes that edit weights).</summary>
    public static int Densify(ModelGraph graph)
    {
        var count = graph.Graph.SparseInitializer.Count;
        foreach (var sparse in graph.Graph.SparseInitializer.ToList())
        {
            var values = TensorProtoConverter.ToFloatArray(sparse.Values);
            var indices = TensorProtoConverter.ToInt64Array(sparse.Indices);
            var dims = sparse.Dims.ToArray();
            var size = TensorByteSize.CheckedCount(dims) is { } n && n <= Array.MaxLength ? n
                : throw new Diagnostics.EdgeException(Diagnostics.DiagnosticCatalog.Onnx.DeclaredSizeInvalid, $"Sparse initializer '{sparse.Values.Name}' declares the shape {Tensor.FormatShape(dims)}, which is invalid or too large; the model is corrupt.");
            var dense = new float[size];
            var rank = dims.Length;
            var coordinates = sparse.Indices.Dims.Count == 2;
            for (var i = 0; i < values.Length; i++)
            {
                if (coordinates ? indices.Length < (long)(i + 1) * rank : i >= indices.Length)
                {
                    throw new Diagnostics.EdgeException(Diagnostics.DiagnosticCatalog.Onnx.InitializerDataMismatch, $"Sparse initializer '{sparse.Values.Name}' has {values.Length} values but fewer indices; the model is corrupt.");
                }

                long offset = coordinates ? 0 : indices[i];
                if (coordinates)
                {
                    for (var d = 0; d < rank; d++)
                    {
                        offset = (offset * dims[d]) + indices[(i * rank) + d];
                    }
                }

                if (offset < 0 || offset >= dense.Length)
                {
                    throw new Diagnostics.EdgeException(Diagnostics.DiagnosticCatalog.Onnx.InitializerDataMismatch, $"Sparse initializer '{sparse.Values.Name}' has an index outside its shape {Tensor.FormatShape(dims)} (value {i}); the model is corrupt.");
                }

                dense[offset] = values[i];
            }

            graph.SetInitializer(TensorProtoConverter.FromFloat(sparse.Values.Name, dense, dims));
        }

        graph.Graph.SparseInitializer.Clear();
        graph.Invalidate();
        return count;
    }

    private static TensorElementType IndexTypeFor(long elements) =>
        elements <= short.MaxValue + 1L ? TensorElementType.Int16 : elements <= int.MaxValue ? TensorElementType.Int32 : TensorElementType.Int64;
}
