// FsCheck generators of hostile inputs: a valid seed file of each kind (and the hostile corpus) mutated by
// byte flips, insertions of tokens that matter to the format (YAML anchors, brackets, tabs; .npy shape
// characters and huge numbers; protobuf varints), deletions, duplications and truncation.
using System.Text;
using EdgeSdk.Data;
using EdgeSdk.Onnx;
using EdgeSdk.Tensors;
using FsCheck;
using FsCheck.Fluent;

namespace EdgeSdk.Engine.Tests.Hostile;

/// <summary>One generated input: the bytes and how they were made (for the failure message).</summary>
/// <param name="Bytes">The file content.</param>
/// <param name="Recipe">The seed and the mutations applied.</param>
internal sealed record FuzzInput(byte[] Bytes, string Recipe);

/// <summary>Generators per input kind.</summary>
internal static class FuzzInputs
{
    private static readonly string[] YamlTokens = ["&a ", "*a", "[", "]", "{", "}", "\t", ": ", "- ", "${Undefined}", "~", "1e309", "-1", "99999999999999999999", "? ", "!!binary ", "<<: *a", "\n  ", "\"", "'", "#", "---\n", "%YAML 1.1\n", "\0"];

    private static readonly string[] NpyTokens = ["(", ")", ",", "-", "0", "9999999999", "18446744073709551615", "'<f8'", "'|O'", "True", "L", "\n"];

    private static readonly string[] CsvTokens = [",", "\"", "\n", "\r\n", "NaN", "1e39", "x", "-", ",,,,", "\"\"\""];

    /// <summary>Gets a generator of mutated inputs of <paramref name="kind"/>.</summary>
    public static Gen<FuzzInput> For(InputKind kind)
    {
        var (seeds, tokens) = Seeds(kind);
        var tokenBytes = tokens.Select(t => Encoding.UTF8.GetBytes(t)).ToArray();
        return Gen.Elements(seeds.Select((s, i) => (s, i)).ToArray()).SelectMany(seed =>
            Gen.Choose(1, 8).SelectMany(n => Gen.ListOf(Mutation(tokenBytes), n)).Select(list =>
            {
                var bytes = seed.s;
                var applied = new List<string>();
                foreach (var m in list)
                {
                    bytes = m.Apply(bytes);
                    applied.Add(m.Name);
                }

                return new FuzzInput(bytes, $"seed {seed.i}: {string.Join(", ", applied)}");
            }));
    }

    private static Gen<Mutation> Mutation(byte[][] tokens) => Gen.Frequency(
        (3, Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(0, 255)).Select(t => new Mutation($"flip@{t.Item1}", b => Flip(b, t.Item1, (byte)t.Item2)))),
        (4, Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Elements(tokens)).Select(t => new Mutation($"insert '{Encoding.UTF8.GetString(t.Item2).Replace("\n", "\\n").Replace("\t", "\\t")}'@{t.Item1}", b => Insert(b, t.Item1, t.Item2)))),
        (2, Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, 64)).Select(t => new Mutation($"delete {t.Item2}@{t.Item1}", b => Delete(b, t.Item1, t.Item2)))),
        (1, Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Choose(1, 256)).Select(t => new Mutation($"duplicate {t.Item2}@{t.Item1}", b => Duplicate(b, t.Item1, t.Item2)))),
        (1, Gen.Choose(0, int.MaxValue).Select(p => new Mutation($"truncate@{p}", b => b.Length == 0 ? b : b[..(p % b.Length)]))));

    private static (byte[][] Seeds, string[] Tokens) Seeds(InputKind kind)
    {
        var corpusDir = EdgeSdk.Tests.TestPaths.NewTempDir("fuzz-seeds");
        byte[][] Corpus(InputKind k) => HostileCorpus.All.Where(c => c.Kind == k && !c.Name.Contains("fifo") && !c.Name.Contains("dev_zero") && !c.Name.Contains("20mb"))
            .Select(c => File.ReadAllBytes(c.Write(corpusDir))).ToArray();
        switch (kind)
        {
            case InputKind.Recipe:
                return ([Encoding.UTF8.GetBytes(ValidRecipe), .. Corpus(InputKind.Recipe)], YamlTokens);
            case InputKind.Npy:
                return ([NpyFile.ToBytes(Tensor.FromFloat([1, 2, 3, 4, 5, 6], 2, 3)), NpyFile.ToBytes(Tensor.FromInt64([1, 2], 2)), .. Corpus(InputKind.Npy)], NpyTokens);
            case InputKind.Npz:
                var npz = Path.Combine(corpusDir, "seed.npz");
                NpzFile.Write(npz, [new("x", Tensor.FromFloat([1, 2, 3, 4], 2, 2)), new("y", Tensor.FromInt64([0, 1], 2))]);
                return ([File.ReadAllBytes(npz)], NpyTokens);
            case InputKind.Csv:
                return ([Encoding.UTF8.GetBytes("x,y,label\n1,2,0\n3.5,-4,1\n"), .. Corpus(InputKind.Csv)], CsvTokens);
            case InputKind.Model:
                return ([ModelFile.ToBytes(HostileCorpus.TinyModel()), File.ReadAllBytes(EdgeSdk.Tests.TestPaths.Model("digits_mlp")), .. Corpus(InputKind.Model)], ["\x08", "\x12", "\x1a", "\x22", "\xff\xff\xff\xff\x0f", "\x80\x80\x80\x80\x80\x80\x80\x80\x80\x01", "MatMul", "Loop", "\0"]);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
    }

    private const string ValidRecipe = """
        recipe: 1
        target: host
        evaluate:
          task: multiclass
          metrics: [accuracy]
          latency: {warmup: 1, runs: 5, batch: 1, threads: 1}
        budgets:
          - accuracy: {max_absolute_drop: 0.5 points}
          - latency: {p90: 5 ms}
          - size: {max: 1 MB}
        passes:
          - fuse
          - quantize: {mode: static, calibration_method: percentile}
        """;

    private static byte[] Flip(byte[] b, int at, byte value)
    {
        if (b.Length == 0)
        {
            return [value];
        }

        var copy = (byte[])b.Clone();
        copy[at % copy.Length] ^= (byte)(value | 1);
        return copy;
    }

    private static byte[] Insert(byte[] b, int at, byte[] token)
    {
        var p = b.Length == 0 ? 0 : at % (b.Length + 1);
        return [.. b[..p], .. token, .. b[p..]];
    }

    private static byte[] Delete(byte[] b, int at, int count)
    {
        if (b.Length == 0)
        {
            return b;
        }

        var p = at % b.Length;
        return [.. b[..p], .. b[Math.Min(b.Length, p + count)..]];
    }

    private static byte[] Duplicate(byte[] b, int at, int count)
    {
        if (b.Length == 0)
        {
            return b;
        }

        var p = at % b.Length;
        var piece = b[p..Math.Min(b.Length, p + count)];
        return [.. b[..p], .. piece, .. piece, .. b[p..]];
    }
}

/// <summary>A named edit of a file's bytes.</summary>
/// <param name="Name">What the edit does (shown when a case fails).</param>
/// <param name="Apply">The edit.</param>
internal sealed record Mutation(string Name, Func<byte[], byte[]> Apply);
