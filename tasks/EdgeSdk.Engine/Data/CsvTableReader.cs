// Reads a CSV file with a header row (CsvHelper) into named float columns: the data-set loader maps
// groups of columns to model inputs and one column to labels. Bad numbers and missing columns are
// EDGE6xxx errors naming the file, row and column.
using System.Globalization;
using CsvHelper;
using EdgeSdk.Diagnostics;

namespace EdgeSdk.Data;

/// <summary>A CSV file read as columns of numbers.</summary>
internal sealed class CsvTableReader
{
    private readonly string _path;
    private readonly string[] _header;
    private readonly List<string[]> _rows;

    private CsvTableReader(string path, string[] header, List<string[]> rows)
    {
        _path = path;
        _header = header;
        _rows = rows;
    }

    /// <summary>Gets the number of data rows.</summary>
    public int RowCount => _rows.Count;

    /// <summary>Gets the column names.</summary>
    public IReadOnlyList<string> Header => _header;

    /// <summary>Reads the file (the first row is the header).</summary>
    public static CsvTableReader Read(string path)
    {
        // Each field becomes a string object (tens of bytes for a few characters of text): bound the file well below the memory limit.
        IO.BoundedFile.CheckedLength(path, IO.BoundedFile.MemoryLimit / 16, "CSV data file");

        var options = new CsvReaderOptions { HasHeader = true, FormatProvider = CultureInfo.InvariantCulture, TrimWhitespace = true, TrackLineNumbers = true, SkipEmptyLines = true };
        string[] header;
        var rows = new List<string[]>();
        try
        {
            using var stream = IO.BoundedFile.OpenRegular(path, "CSV data file");
            using var csv = CsvReader.Create(stream, options, false);
            csv.ReadHeader();
            header = csv.Headers.ToArray();
            if (header.Length == 0)
            {
                throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"'{path}' has no header row; the first line must name the columns.", new SourceLocation(path, 1, 1));
            }

            while (csv.Read())
            {
                if (csv.FieldCount != header.Length)
                {
                    throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"'{path}' line {csv.LineNumber} has {csv.FieldCount} fields, the header {header.Length}. Every row needs a value per column.", new SourceLocation(path, (int)csv.LineNumber, 1));
                }

                var row = new string[header.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = csv.GetString(i);
                }

                rows.Add(row);
            }
        }
        catch (Exception ex) when (ex is CsvFormatException or CsvValidationException)
        {
            throw new EdgeException(DiagnosticCatalog.Data.MalformedData, $"'{path}' is not valid CSV: {ex.Message}", new SourceLocation(path), ex);
        }

        if (rows.Count == 0)
        {
            throw new EdgeException(DiagnosticCatalog.Data.EmptyDataSet, $"'{path}' has a header row but no data rows; the data set would be empty. Add at least one row of values.", new SourceLocation(path, 2, 1));
        }

        return new CsvTableReader(path, header, rows);
    }

    /// <summary>Returns the index of a column; throws EDGE6004 with a did-you-mean when absent.</summary>
    public int ColumnIndex(string name, SourceLocation? referencedAt)
    {
        var index = Array.IndexOf(_header, name);
        if (index < 0)
        {
            throw new EdgeException(DiagnosticCatalog.Data.MissingArray, $"'{_path}' has no column '{name}'.{EdgeSdk.Diagnostics.DidYouMean.Hint(name, _header)} Columns: {Summarize(_header)}.", referencedAt);
        }

        return index;
    }

    /// <summary>Reads the given columns as a [rows, columns] float32 matrix (row-major).</summary>
    public float[] ReadFloats(IReadOnlyList<int> columns)
    {
        var values = new float[(long)_rows.Count * columns.Count];
        for (var r = 0; r < _rows.Count; r++)
        {
            for (var c = 0; c < columns.Count; c++)
            {
                values[((long)r * columns.Count) + c] = ParseFloat(r, columns[c]);
            }
        }

        return values;
    }

    /// <summary>Returns whether every value of a column is a whole number (class labels).</summary>
    public bool IsWholeNumberColumn(int column) => _rows.All(r => long.TryParse(r[column], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _));

    /// <summary>Reads a column of whole numbers.</summary>
    public long[] ReadInt64(int column) => _rows.Select(r => long.Parse(r[column], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)).ToArray();

    private float ParseFloat(int row, int column)
    {
        var text = _rows[row][column];
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new EdgeException(DiagnosticCatalog.Data.BadValue, $"'{_path}' row {row + 1} (line {row + 2}), column '{_header[column]}': '{text}' is not a number. Fix the value or drop the row.", new SourceLocation(_path, row + 2, 1));
        }

        return value;
    }

    private static string Summarize(IReadOnlyList<string> names) =>
        names.Count <= 12 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $", … ({names.Count} in all)";
}
