// Converts RuntimeValue trees to and from the managed package's OrtValues: tensors through
// OrtValueConverter, sequences and maps through OrtValue.CreateSequence/CreateMap and GetValue. An absent
// optional output is recognised by ORT refusing to describe it (the managed API has no HasValue).
using System.Runtime.InteropServices;
using EdgeSdk.Diagnostics;
using EdgeSdk.Tensors;
using Ort = Microsoft.ML.OnnxRuntime;

namespace EdgeSdk.Runtime;

/// <summary>Native conversions for <see cref="RuntimeValue"/>.</summary>
internal static class RuntimeValueConverter
{
    /// <summary>Creates an input value for <paramref name="value"/> (the caller disposes it).</summary>
    /// <param name="value">The value.</param>
    /// <param name="name">The input's name, for errors.</param>
    /// <param name="declared">The declared input, which gives the element type of an empty sequence.</param>
    public static OrtInput ToOrtValue(RuntimeValue value, string name, ValueMetadata? declared = null)
    {
        if (value.Kind == OnnxValueKind.Tensor)
        {
            return OrtValueConverter.ToOrtValue(value.Tensor!, name);
        }

        if (value.Kind == OnnxValueKind.Sequence && value.Items.Count == 0 && declared is { Kind: OnnxValueKind.Sequence, ElementType: not TensorElementType.Undefined })
        {
            return new OrtInput(EmptySequenceFactory.Create(declared.ElementType));
        }

        if (!value.HasValue || value.Items.Count == 0)
        {
            throw new EdgeException(
                DiagnosticCatalog.Runtime.UnsupportedValue,
                $"Input '{name}' is {(value.HasValue ? "an empty " + value.Kind : "an optional holding nothing")}, which ONNX Runtime's API cannot create. Omit an empty optional input from the feed; an empty sequence needs a declared sequence-of-tensor input.");
        }

        var items = new List<OrtInput>(value.Items.Count);
        var pins = new List<GCHandle>();
        try
        {
            for (var i = 0; i < value.Items.Count; i++)
            {
                items.Add(ToOrtValue(value.Items[i], $"{name}[{i}]"));
            }

            var what = $"creating the {value.Kind} input '{name}'";
            Ort.OrtValue result;
            if (value.Kind == OnnxValueKind.Map)
            {
                var keys = items[0].Value;
                var values = items[1].Value;
                result = OrtRuntime.Call(() => Ort.OrtValue.CreateMap(ref keys, ref values), what);
            }
            else
            {
                var members = items.Select(i => i.Value).ToList();
                result = OrtRuntime.Call(() => Ort.OrtValue.CreateSequence(members), what);
            }

            // The new value owns the members now; only their pins stay with us.
            foreach (var item in items)
            {
                item.TransferPinsTo(pins);
            }

            items.Clear();
            return new OrtInput(result, pins);
        }
        finally
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }

    /// <summary>Reads a value (null for an output that was not produced) into a <see cref="RuntimeValue"/>.</summary>
    public static RuntimeValue FromOrtValue(Ort.OrtValue? value, string name)
    {
        if (value is null || !HasValue(value))
        {
            return RuntimeValue.None;
        }

        var kind = (OnnxValueKind)(int)value.OnnxType;
        switch (kind)
        {
            case OnnxValueKind.Tensor:
                return RuntimeValue.FromTensor(OrtValueConverter.ToTensor(value, name));
            case OnnxValueKind.Sequence:
            case OnnxValueKind.Map:
                var count = OrtRuntime.Call(value.GetValueCount, $"counting the items of '{name}'");
                var items = new List<RuntimeValue>(count);
                for (var i = 0; i < count; i++)
                {
                    var index = i;
                    using var item = OrtRuntime.Call(() => value.GetValue(index, Ort.OrtAllocator.DefaultInstance), $"reading item {i} of '{name}'");
                    items.Add(FromOrtValue(item, $"{name}[{i}]"));
                }

                return kind == OnnxValueKind.Sequence ? RuntimeValue.Sequence(items) : RuntimeValue.Map(items[0].Tensor!, items[1].Tensor!);
            default:
                throw new EdgeException(DiagnosticCatalog.Runtime.UnsupportedValue, $"'{name}' is a {kind} value, which the runtime layer does not read.");
        }
    }

    /// <summary>Gets whether a value holds something (false for an optional output holding nothing).</summary>
    public static bool HasValue(Ort.OrtValue value)
    {
        try
        {
            switch (value.OnnxType)
            {
                case Ort.OnnxValueType.ONNX_TYPE_TENSOR:
                    _ = value.GetTensorTypeAndShape();
                    return true;
                case Ort.OnnxValueType.ONNX_TYPE_SEQUENCE:
                case Ort.OnnxValueType.ONNX_TYPE_MAP:
                    value.GetValueCount();
                    return true;
                default:
                    return value.OnnxType != Ort.OnnxValueType.ONNX_TYPE_UNKNOWN;
            }
        }
        catch (Ort.OnnxRuntimeException)
        {
            return false;
        }
    }
}
