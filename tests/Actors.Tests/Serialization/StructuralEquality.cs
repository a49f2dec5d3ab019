using System.Collections;
using System.Reflection;
using Akka.Actor;

namespace MecActors.Actors.Tests.Serialization;

/// <summary>
/// Deep equality for message graphs: records compare their arrays and lists by reference, so this walks
/// every instance field instead. Sequences compare element by element (not by capacity or version
/// fields), arrays also by shape, and actor refs by path and uid.
/// </summary>
internal static class StructuralEquality
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    /// <summary>The first difference between <paramref name="expected"/> and <paramref name="actual"/>, or null when they are equal.</summary>
    public static string? FirstDifference(object? expected, object? actual, string path = "$") =>
        Compare(expected, actual, path, depth: 0);

    private static string? Compare(object? expected, object? actual, string path, int depth)
    {
        if (depth > 64)
        {
            return $"{path}: deeper than 64 levels (a cycle?)";
        }

        if (expected is null || actual is null)
        {
            return expected is null && actual is null ? null : $"{path}: {Show(expected)} != {Show(actual)}";
        }

        if (expected is IActorRef expectedRef)
        {
            return actual is IActorRef actualRef && expectedRef.Equals(actualRef) ? null : $"{path}: actor {expectedRef} != {Show(actual)}";
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            return $"{path}: type {type} != {actual.GetType()}";
        }

        if (type.IsPrimitive || type.IsEnum || expected is string or decimal)
        {
            return expected.Equals(actual) ? null : $"{path}: {Show(expected)} != {Show(actual)}";
        }

        if (expected is Array expectedArray)
        {
            var actualArray = (Array)actual;
            if (expectedArray.Rank != actualArray.Rank)
            {
                return $"{path}: rank {expectedArray.Rank} != {actualArray.Rank}";
            }

            for (var d = 0; d < expectedArray.Rank; d++)
            {
                if (expectedArray.GetLength(d) != actualArray.GetLength(d))
                {
                    return $"{path}: length {expectedArray.GetLength(d)} != {actualArray.GetLength(d)} in dimension {d}";
                }
            }
        }

        if (expected is IEnumerable expectedItems)
        {
            return CompareSequences(expectedItems, (IEnumerable)actual, path, depth);
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(InstanceFields))
            {
                var difference = Compare(field.GetValue(expected), field.GetValue(actual), $"{path}.{FieldName(field)}", depth + 1);
                if (difference is not null)
                {
                    return difference;
                }
            }
        }

        return null;
    }

    private static string? CompareSequences(IEnumerable expected, IEnumerable actual, string path, int depth)
    {
        var e = expected.GetEnumerator();
        var a = actual.GetEnumerator();
        for (var i = 0; ; i++)
        {
            var moreExpected = e.MoveNext();
            var moreActual = a.MoveNext();
            if (moreExpected != moreActual)
            {
                return $"{path}: {(moreExpected ? "fewer" : "more")} items than expected (differs at index {i})";
            }

            if (!moreExpected)
            {
                return null;
            }

            var difference = Compare(e.Current, a.Current, $"{path}[{i}]", depth + 1);
            if (difference is not null)
            {
                return difference;
            }
        }
    }

    /// <summary>A record's property name rather than its backing field's.</summary>
    private static string FieldName(FieldInfo field) =>
        field.Name.StartsWith('<') && field.Name.Contains(">k__BackingField", StringComparison.Ordinal)
            ? field.Name[1..field.Name.IndexOf('>', StringComparison.Ordinal)]
            : field.Name;

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };
}
