// Computes the namespace dependency graph of a compiled assembly from what its IL really references:
// base types, interfaces, member signatures, attributes and every type, method and field token in method
// bodies. Compiler-generated nested types (closures, state machines) count for their outermost type, so a
// lambda's references belong to the namespace that wrote it. Constants are inlined by the compiler and
// therefore not seen; everything else a namespace uses is.
using System.Reflection;
using System.Reflection.Emit;

namespace EdgeSdk.Engine.Tests.Layering;

internal sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly Assembly _assembly;
    private readonly Dictionary<string, Dictionary<string, SortedSet<string>>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph(Assembly assembly) => _assembly = assembly;

    /// <summary>Namespace → (namespace it uses → the "Type → Type" references making the edge).</summary>
    public IReadOnlyDictionary<string, Dictionary<string, SortedSet<string>>> Edges => _edges;

    public static NamespaceGraph Of(Assembly assembly)
    {
        var graph = new NamespaceGraph(assembly);
        foreach (var type in assembly.GetTypes())
        {
            graph.AddType(type);
        }

        return graph;
    }

    /// <summary>
    /// The namespace a type counts for: the top-level folder namespace (<c>EdgeSdk.&lt;Folder&gt;</c>) of its
    /// outermost declaring type; null for compiler-generated namespaces outside <c>EdgeSdk</c>.
    /// </summary>
    public static string? NamespaceOf(Type type)
    {
        var parts = Outer(type).Namespace?.Split('.');
        return parts is { Length: >= 2 } && parts[0] == "EdgeSdk" ? $"{parts[0]}.{parts[1]}" : null;
    }

    /// <summary>Returns a copy of the graph without the given edges.</summary>
    public NamespaceGraph Without(IEnumerable<(string From, string To)> edges)
    {
        var copy = new NamespaceGraph(_assembly);
        foreach (var (from, targets) in _edges)
        {
            copy._edges[from] = new Dictionary<string, SortedSet<string>>(targets, StringComparer.Ordinal);
        }

        foreach (var (from, to) in edges)
        {
            if (copy._edges.TryGetValue(from, out var targets))
            {
                targets.Remove(to);
            }
        }

        return copy;
    }

    /// <summary>Every elementary cycle found by a depth-first search, each as its namespaces in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
        {
            Visit(node, state, stack, cycles);
        }

        return cycles;
    }

    private void Visit(string node, Dictionary<string, int> state, List<string> stack, List<IReadOnlyList<string>> cycles)
    {
        if (state.TryGetValue(node, out var s))
        {
            if (s == 1)
            {
                cycles.Add([.. stack.Skip(stack.IndexOf(node)), node]);
            }

            return;
        }

        state[node] = 1;
        stack.Add(node);
        if (_edges.TryGetValue(node, out var targets))
        {
            foreach (var target in targets.Keys.Order(StringComparer.Ordinal))
            {
                Visit(target, state, stack, cycles);
            }
        }

        stack.RemoveAt(stack.Count - 1);
        state[node] = 2;
    }

    private void AddType(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
            | BindingFlags.Static | BindingFlags.DeclaredOnly;
        Use(type, type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Use(type, i);
        }

        UseAttributes(type, type.CustomAttributes);
        foreach (var field in type.GetFields(all))
        {
            Use(type, field.FieldType);
            UseAttributes(type, field.CustomAttributes);
        }

        foreach (var property in type.GetProperties(all))
        {
            Use(type, property.PropertyType);
            UseAttributes(type, property.CustomAttributes);
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                Use(type, info.ReturnType);
            }

            foreach (var parameter in method.GetParameters())
            {
                Use(type, parameter.ParameterType);
            }

            UseAttributes(type, method.CustomAttributes);
            UseBody(type, method);
        }
    }

    private void UseAttributes(Type from, IEnumerable<CustomAttributeData> attributes)
    {
        foreach (var attribute in attributes)
        {
            Use(from, attribute.AttributeType);
            foreach (var argument in attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(a => a.TypedValue)))
            {
                if (argument.Value is Type t)
                {
                    Use(from, t);
                }
            }
        }
    }

    private void UseBody(Type from, MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }

        var typeArgs = from.IsGenericType ? from.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var body in method.GetMethodBody()!.LocalVariables)
        {
            Use(from, body.LocalType);
        }

        var at = 0;
        while (at < il.Length)
        {
            var value = il[at] == 0xFE ? (short)(0xFE00 | il[at + 1]) : il[at];
            var op = OpCodesByValue[value];
            at += op.Size;
            switch (op.OperandType)
            {
                case OperandType.InlineType:
                case OperandType.InlineTok:
                case OperandType.InlineMethod:
                case OperandType.InlineField:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArgs, methodArgs);
                    UseMember(from, member);
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (4 * BitConverter.ToInt32(il, at));
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    private void UseMember(Type from, MemberInfo? member)
    {
        switch (member)
        {
            case Type t:
                Use(from, t);
                break;
            case FieldInfo f:
                Use(from, f.DeclaringType);
                Use(from, f.FieldType);
                break;
            case MethodBase m:
                Use(from, m.DeclaringType);
                if (m.IsGenericMethod)
                {
                    foreach (var a in m.GetGenericArguments())
                    {
                        Use(from, a);
                    }
                }

                break;
        }
    }

    private void Use(Type from, Type? to)
    {
        if (to is null)
        {
            return;
        }

        if (to.HasElementType)
        {
            Use(from, to.GetElementType());
            return;
        }

        if (to.IsGenericType && !to.IsGenericTypeDefinition)
        {
            foreach (var a in to.GetGenericArguments())
            {
                Use(from, a);
            }

            to = to.GetGenericTypeDefinition();
        }

        if (to.IsGenericParameter || to.Assembly != _assembly)
        {
            return;
        }

        var source = NamespaceOf(from);
        var target = NamespaceOf(to);
        if (source is null || target is null || source == target)
        {
            return;
        }

        if (!_edges.TryGetValue(source, out var targets))
        {
            _edges[source] = targets = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        }

        if (!targets.TryGetValue(target, out var why))
        {
            targets[target] = why = new SortedSet<string>(StringComparer.Ordinal);
        }

        why.Add($"{Outer(from).Name} → {Outer(to).Name}");
    }

    private static Type Outer(Type type)
    {
        while (type.IsNested)
        {
            type = type.DeclaringType!;
        }

        return type;
    }
}
