// Makes ONNX Runtime's .ort bytes a function of the model alone (issue 17). ORT writes the model first (the
// end of the FlatBuffer, byte-stable) and then the kernel type-string table (the front, laid out in the order of
// per-process seeded hash maps). The rewrite keeps every byte from the model's first object to the end
// verbatim, at the same distance from the end of the buffer (FlatBuffers aligns from the end, so every
// alignment holds), and writes a new front: the table in key order (OrtKernelTypeStrTable) and the root table.
// It refuses, with OrtFormatException, any buffer whose front holds anything but the root table and that table,
// so nothing the model could point to is dropped; the caller then keeps ORT's bytes.
using Google.FlatBuffers;

namespace EdgeSdk.Onnx.Ort;

/// <summary>Rewrites a .ort file into its canonical byte layout.</summary>
internal static class OrtFormatCanonicalizer
{
    /// <summary>The file identifier of ORT-format models.</summary>
    public const string FileIdentifier = "ORTM";

    // The new buffer's length is a multiple of this, so the kept bytes keep their alignment modulo any power of
    // two up to it (FlatBuffers needs 8 at most; ORT forces no larger vector alignment).
    private const int Alignment = 64;

    // InferenceSession: ort_version, model, session_state (deprecated), kernel_type_str_resolver.
    private const int VersionField = 0, ModelField = 1, SessionStateField = 2, ResolverField = 3;

    /// <summary>Returns the canonical bytes of the .ort buffer <paramref name="ort"/>; throws <see cref="OrtFormatException"/> when it cannot be rewritten safely.</summary>
    public static byte[] Canonicalize(byte[] ort) => Rewrite(ort, creationOrder: null);

    /// <summary>As <see cref="Canonicalize"/>, with the table's entries created in <paramref name="creationOrder"/>'s shuffled order (tests: reproduces ORT's layouts).</summary>
    internal static byte[] Rewrite(byte[] ort, Random? creationOrder)
    {
        var source = Parse(ort);
        if (source.Table is null)
        {
            return ort;
        }

        var builder = new FlatBufferBuilder(ort.Length + 1024);
        builder.Prep(Alignment, 0);
        builder.Add(new ArraySegment<byte>(ort, source.KeptFrom, ort.Length - source.KeptFrom));
        var resolver = source.Table.Write(builder, creationOrder);
        var version = source.Version is null ? 0 : source.VersionAt >= source.KeptFrom ? ort.Length - source.VersionAt : builder.CreateString(source.Version).Value;
        builder.StartTable(4);
        builder.AddOffset(ResolverField, resolver, 0);
        builder.AddOffset(ModelField, ort.Length - source.Model, 0);
        builder.AddOffset(VersionField, version, 0);
        builder.Finish(builder.EndTable(), FileIdentifier);
        var canonical = builder.SizedByteArray();

        // The result must read back as the same model bytes, table and version, or it is not used.
        var check = Parse(canonical);
        var shift = canonical.Length - ort.Length;
        if (canonical.Length % Alignment != 0 || check.Model != source.Model + shift || check.Version != source.Version
            || check.Table is null || !check.Table.SameAs(source.Table)
            || !canonical.AsSpan(source.KeptFrom + shift).SequenceEqual(ort.AsSpan(source.KeptFrom)))
        {
            throw new OrtFormatException("the rewritten buffer does not read back as the original");
        }

        return canonical;
    }

    private static Layout Parse(byte[] ort)
    {
        var reader = new OrtFlatBufferReader(ort);
        var root = reader.Root(FileIdentifier);
        if (reader.FieldCount(root) > 4 && Enumerable.Range(4, reader.FieldCount(root) - 4).Any(f => reader.Field(root, f) >= 0))
        {
            throw new OrtFormatException("the InferenceSession table has fields this reader does not know");
        }

        if (reader.Field(root, SessionStateField) >= 0)
        {
            throw new OrtFormatException("the file has a (deprecated) session state");
        }

        var model = reader.Reference(root, ModelField);
        if (model < 0)
        {
            throw new OrtFormatException("the file has no model");
        }

        var version = reader.String(root, VersionField, out var versionAt);
        var resolver = reader.Reference(root, ResolverField);
        var table = resolver < 0 ? null : OrtKernelTypeStrTable.Read(reader, resolver);
        var front = reader.Extents.ToList();
        var keptFrom = Math.Min(model, reader.VTable(model));
        if (resolver >= keptFrom || root >= keptFrom)
        {
            throw new OrtFormatException("the type-string table or the root table lies after the model");
        }

        CheckFront(ort, front, keptFrom);
        return new Layout(model, keptFrom, version, versionAt, table);
    }

    // Every byte before the model must belong to an object just read (header, root table, the type-string table
    // and its strings and vtables), or be alignment padding; objects read may also lie after it (strings and
    // vtables ORT shares with the model), but none may straddle it.
    private static void CheckFront(byte[] ort, List<(int Start, int End)> extents, int keptFrom)
    {
        var covered = 0;
        foreach (var (start, end) in extents.Where(e => e.Start < keptFrom).OrderBy(e => e.Start))
        {
            if (end > keptFrom)
            {
                throw new OrtFormatException("an object of the type-string table overlaps the model");
            }

            Padding(ort, covered, start);
            covered = Math.Max(covered, end);
        }

        Padding(ort, covered, keptFrom);
    }

    private static void Padding(byte[] ort, int from, int to)
    {
        if (to > from && (to - from >= Alignment || ort.AsSpan(from, to - from).ContainsAnyExcept((byte)0)))
        {
            throw new OrtFormatException($"bytes {from}..{to} before the model belong to no object this reader knows");
        }
    }

    private sealed record Layout(int Model, int KeptFrom, string? Version, int VersionAt, OrtKernelTypeStrTable? Table);
}
