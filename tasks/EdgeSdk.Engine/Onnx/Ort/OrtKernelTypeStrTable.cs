// The kernel type-string table of a .ort file (ort.fbs: KernelTypeStrResolver → OpIdKernelTypeStrArgsEntry →
// KernelTypeStrArgsEntry → ArgTypeAndIndex). ONNX Runtime sorts both vectors by key but creates their
// entries in the iteration order of its hash maps, which are seeded per process, so the same table lands in
// different byte layouts from run to run. This type reads the table and writes it back with every entry
// created in key order, which makes the layout a function of the content alone.
using Google.FlatBuffers;

namespace EdgeSdk.Onnx.Ort;

/// <summary>One argument of a kernel type string: input or output, and its index.</summary>
/// <param name="ArgType">0 input, 1 output (ort.fbs ArgType).</param>
/// <param name="Index">The input or output index.</param>
internal sealed record OrtTypeStrArg(byte ArgType, uint Index);

/// <summary>The arguments one kernel type string of an operator resolves to.</summary>
/// <param name="TypeStr">The kernel type string (UTF-8), e.g. <c>T</c>.</param>
/// <param name="Args">Its arguments, in the file's order (which is the operator schema's, not a hash map's).</param>
internal sealed record OrtTypeStrEntry(byte[] TypeStr, IReadOnlyList<OrtTypeStrArg> Args);

/// <summary>The kernel type strings of one operator.</summary>
/// <param name="OpId">The operator id (UTF-8), <c>domain:op_type:since_version</c>.</param>
/// <param name="TypeStrs">Its kernel type strings.</param>
internal sealed record OrtOpEntry(byte[] OpId, IReadOnlyList<OrtTypeStrEntry> TypeStrs);

/// <summary>The kernel type-string table of a .ort file.</summary>
/// <param name="Ops">The operators, sorted by id, each with its type strings sorted.</param>
internal sealed record OrtKernelTypeStrTable(IReadOnlyList<OrtOpEntry> Ops)
{
    /// <summary>Reads the table at <paramref name="table"/>; throws <see cref="OrtFormatException"/> when it is malformed, has unknown fields or duplicate keys.</summary>
    public static OrtKernelTypeStrTable Read(OrtFlatBufferReader reader, int table)
    {
        KnownFields(reader, table, 1, "KernelTypeStrResolver");
        var ops = reader.Tables(table, 0).Select(op =>
        {
            KnownFields(reader, op, 2, "OpIdKernelTypeStrArgsEntry");
            var typeStrs = reader.Tables(op, 1).Select(entry =>
            {
                KnownFields(reader, entry, 2, "KernelTypeStrArgsEntry");
                var args = reader.Tables(entry, 1).Select(arg =>
                {
                    KnownFields(reader, arg, 2, "ArgTypeAndIndex");
                    return new OrtTypeStrArg(reader.Byte(arg, 0, 0), reader.UInt32(arg, 1, 0));
                }).ToList();
                return new OrtTypeStrEntry(Key(reader, entry, "kernel_type_str"), args);
            });
            return new OrtOpEntry(Key(reader, op, "op_id"), Sorted(typeStrs, e => e.TypeStr, "kernel type string"));
        });
        return new OrtKernelTypeStrTable(Sorted(ops, o => o.OpId, "operator id"));
    }

    /// <summary>
    /// Writes the table into <paramref name="builder"/> and returns its offset. Entries are created in key order;
    /// <paramref name="creationOrder"/> (tests only) shuffles the creation order instead, as ONNX Runtime's hash maps do,
    /// while the vectors stay sorted by key.
    /// </summary>
    public int Write(FlatBufferBuilder builder, Random? creationOrder = null)
    {
        var opOffsets = new int[Ops.Count];
        foreach (var o in Order(Ops.Count, creationOrder))
        {
            var op = Ops[o];
            var entryOffsets = new int[op.TypeStrs.Count];
            foreach (var e in Order(op.TypeStrs.Count, creationOrder))
            {
                var entry = op.TypeStrs[e];
                var argOffsets = entry.Args.Select(arg =>
                {
                    builder.StartTable(2);
                    builder.AddUint(1, arg.Index, 0);
                    builder.AddSbyte(0, unchecked((sbyte)arg.ArgType), 0);
                    return builder.EndTable();
                }).ToList();
                var typeStr = builder.CreateSharedString(System.Text.Encoding.UTF8.GetString(entry.TypeStr)).Value;
                var args = Vector(builder, argOffsets);
                builder.StartTable(2);
                builder.AddOffset(1, args, 0);
                builder.AddOffset(0, typeStr, 0);
                entryOffsets[e] = builder.EndTable();
            }

            var opId = builder.CreateString(System.Text.Encoding.UTF8.GetString(op.OpId)).Value;
            var entries = Vector(builder, entryOffsets);
            builder.StartTable(2);
            builder.AddOffset(1, entries, 0);
            builder.AddOffset(0, opId, 0);
            opOffsets[o] = builder.EndTable();
        }

        var vector = Vector(builder, opOffsets);
        builder.StartTable(1);
        builder.AddOffset(0, vector, 0);
        return builder.EndTable();
    }

    /// <summary>Returns whether both tables hold the same entries.</summary>
    public bool SameAs(OrtKernelTypeStrTable other) =>
        Ops.Count == other.Ops.Count && Ops.Zip(other.Ops).All(p => p.First.OpId.AsSpan().SequenceEqual(p.Second.OpId)
            && p.First.TypeStrs.Count == p.Second.TypeStrs.Count
            && p.First.TypeStrs.Zip(p.Second.TypeStrs).All(q => q.First.TypeStr.AsSpan().SequenceEqual(q.Second.TypeStr) && q.First.Args.SequenceEqual(q.Second.Args)));

    private static IEnumerable<int> Order(int count, Random? shuffle)
    {
        var order = Enumerable.Range(0, count).ToArray();
        shuffle?.Shuffle(order);
        return order;
    }

    private static int Vector(FlatBufferBuilder builder, IReadOnlyList<int> offsets)
    {
        builder.StartVector(4, offsets.Count, 4);
        for (var i = offsets.Count - 1; i >= 0; i--)
        {
            builder.AddOffset(offsets[i]);
        }

        return builder.EndVector().Value;
    }

    private static byte[] Key(OrtFlatBufferReader reader, int table, string what)
    {
        var at = reader.Reference(table, 0);
        return at < 0 ? throw new OrtFormatException($"a {what} key is missing") : reader.StringBytesAt(at);
    }

    // Byte-wise (strcmp) order, the order FlatBuffers' sorted vectors of tables use; a duplicate key would leave
    // the order to the input, so it is refused (ONNX Runtime refuses it when loading, too).
    private static List<T> Sorted<T>(IEnumerable<T> items, Func<T, byte[]> key, string what)
    {
        var sorted = items.ToList();
        sorted.Sort((a, b) => key(a).AsSpan().SequenceCompareTo(key(b)));
        for (var i = 1; i < sorted.Count; i++)
        {
            if (key(sorted[i - 1]).AsSpan().SequenceEqual(key(sorted[i])))
            {
                throw new OrtFormatException($"the {what} '{System.Text.Encoding.UTF8.GetString(key(sorted[i]))}' appears twice");
            }
        }

        return sorted;
    }

    private static void KnownFields(OrtFlatBufferReader reader, int table, int known, string type)
    {
        for (var field = known; field < reader.FieldCount(table); field++)
        {
            if (reader.Field(table, field) >= 0)
            {
                throw new OrtFormatException($"a {type} has field {field}, which this reader does not know");
            }
        }
    }
}
