// What a data set spec reads and means, independent of where the recipe wrote it: the exact files the
// readers open (for manifests and fingerprints) and a canonical text of the settings without source
// locations (so adding a comment to a recipe does not invalidate cached evaluations).
using EdgeSdk.Recipes;
using EdgeSdk.Data;
using System.Globalization;
using System.Text;

namespace EdgeSdk.Data;

/// <summary>Files and canonical settings of a <see cref="DataSetSpec"/>.</summary>
internal static class DataSetSpecFiles
{
    /// <summary>Returns the absolute paths of the files the set is read from, in a stable order (a pb folder is expanded to its .pb files).</summary>
    public static IReadOnlyList<string> Files(DataSetSpec spec)
    {
        var files = new List<string>();
        switch (spec.Format)
        {
            case DataFormat.Npy:
                files.AddRange(spec.Inputs.Select(i => i.Source));
                break;
            case DataFormat.TensorProto when spec.File is not null && Directory.Exists(spec.File):
                files.AddRange(Directory.EnumerateFiles(spec.File, "*.pb", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
                break;
            default:
                if (spec.File is not null)
                {
                    files.Add(spec.File);
                }

                break;
        }

        if (spec.Labels is not null && spec.Format is DataFormat.Npy or DataFormat.TensorProto)
        {
            files.Add(spec.Labels);
        }

        return files.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Returns the set's settings as canonical text (no source locations), for fingerprints.</summary>
    public static string CanonicalText(DataSetSpec spec)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"name={spec.Name};format={spec.Format};file={spec.File};labels={spec.Labels};samples={spec.Samples};shuffle={spec.Shuffle};seed={spec.Seed}");
        foreach (var input in spec.Inputs)
        {
            text.Append(CultureInfo.InvariantCulture, $";input[{input.Input}]={input.Source}");
        }

        foreach (var (input, pre) in spec.Preprocess)
        {
            text.Append(CultureInfo.InvariantCulture, $";pre[{input}]=reshape:{Join(pre.Reshape?.Select(d => (double)d))},scale:{pre.Scale?.ToString("R", CultureInfo.InvariantCulture)},mean:{Join(pre.Mean)},std:{Join(pre.Std)},layout:{pre.Layout}");
        }

        return text.ToString();
    }

    private static string Join(IEnumerable<double>? values) =>
        values is null ? string.Empty : string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
}
