// Resumable training state in the pass's work directory: where the run is (epoch, batch, step), every
// parameter and buffer, the optimizer's state and the early-stopping bookkeeping, tagged with a
// fingerprint of the run so a checkpoint of a different model, data set or settings is never resumed.
// Written atomically, so an interrupted write leaves the previous checkpoint intact.
using EdgeSdk.IO;
using System.Security.Cryptography;
using System.Text;
using EdgeSdk.Onnx;

namespace EdgeSdk.Training.Loop;

/// <summary>The saved state of a training run.</summary>
internal sealed class Checkpoint
{
    private const string Magic = "EDGESDK-TRAINING-CHECKPOINT-1";

    /// <summary>Gets or sets the run fingerprint.</summary>
    public string Fingerprint { get; set; } = string.Empty;

    /// <summary>Gets or sets the epoch to continue in.</summary>
    public int Epoch { get; set; }

    /// <summary>Gets or sets the next batch index within <see cref="Epoch"/>.</summary>
    public int Batch { get; set; }

    /// <summary>Gets or sets the optimizer steps done.</summary>
    public long Step { get; set; }

    /// <summary>Gets or sets the best evaluation metric so far (NaN when none).</summary>
    public double BestMetric { get; set; } = double.NaN;

    /// <summary>Gets or sets the epochs since the metric last improved.</summary>
    public int EpochsWithoutImprovement { get; set; }

    /// <summary>Gets or sets the parameter values (file order).</summary>
    public List<float[]> Parameters { get; set; } = [];

    /// <summary>Gets or sets the optimizer state arrays.</summary>
    public List<float[]> OptimizerState { get; set; } = [];

    /// <summary>Gets or sets the parameter values at the best metric (empty when none).</summary>
    public List<float[]> BestParameters { get; set; } = [];

    /// <summary>Computes a run fingerprint from its parts.</summary>
    public static string ComputeFingerprint(IEnumerable<float[]> initialParameters, string options, TrainingData data)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in initialParameters)
        {
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(p.AsSpan()));
        }

        sha.AppendData(Encoding.UTF8.GetBytes(options));
        sha.AppendData(BitConverter.GetBytes(data.Count));
        sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.X.AsSpan()));
        if (data.Labels is not null)
        {
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Labels.AsSpan()));
        }
        else if (data.Targets is not null)
        {
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Targets.AsSpan()));
        }

        if (data.Teacher is not null)
        {
            sha.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Teacher.AsSpan()));
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    /// <summary>Reads a checkpoint, or returns null when the file is missing, unreadable or of another run.</summary>
    public static Checkpoint? TryRead(string path, string fingerprint)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(File.OpenRead(path));
            if (reader.ReadString() != Magic)
            {
                return null;
            }

            var c = new Checkpoint
            {
                Fingerprint = reader.ReadString(),
                Epoch = reader.ReadInt32(),
                Batch = reader.ReadInt32(),
                Step = reader.ReadInt64(),
                BestMetric = reader.ReadDouble(),
                EpochsWithoutImprovement = reader.ReadInt32(),
            };
            if (c.Fingerprint != fingerprint)
            {
                return null;
            }

            c.Parameters = ReadArrays(reader);
            c.OptimizerState = ReadArrays(reader);
            c.BestParameters = ReadArrays(reader);
            return c;
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Writes the checkpoint atomically.</summary>
    public void Write(string path)
    {
        using var ms = new MemoryStream();
        using (var writer = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Fingerprint);
            writer.Write(Epoch);
            writer.Write(Batch);
            writer.Write(Step);
            writer.Write(BestMetric);
            writer.Write(EpochsWithoutImprovement);
            WriteArrays(writer, Parameters);
            WriteArrays(writer, OptimizerState);
            WriteArrays(writer, BestParameters);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        AtomicFile.WriteAllBytes(path, ms.ToArray());
    }

    private static void WriteArrays(BinaryWriter writer, List<float[]> arrays)
    {
        writer.Write(arrays.Count);
        foreach (var a in arrays)
        {
            writer.Write(a.Length);
            writer.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()));
        }
    }

    private static List<float[]> ReadArrays(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var list = new List<float[]>(count);
        for (var i = 0; i < count; i++)
        {
            var a = new float[reader.ReadInt32()];
            var bytes = reader.ReadBytes(a.Length * 4);
            if (bytes.Length != a.Length * 4)
            {
                throw new EndOfStreamException();
            }

            Buffer.BlockCopy(bytes, 0, a, 0, bytes.Length);
            list.Add(a);
        }

        return list;
    }
}
