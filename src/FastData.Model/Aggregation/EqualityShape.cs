using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FastData.Model.Aggregation;

/// <summary>
/// The fields a conjunction of scalar field equalities compares, and the key its values make, so that records can be
/// grouped by the same key in one pass and each filter picks its group: matching every record against every filter
/// would cost records × filters (a product's hundreds of order lines, each with its own order filter).
/// </summary>
internal sealed class EqualityShape
{
    private const char Separator = '\u001f';

    /// <summary>One-field shapes by field: a model has few fields that conditions compare.</summary>
    private static readonly ConcurrentDictionary<string, EqualityShape> SingleFieldShapes = new(StringComparer.Ordinal);
    private readonly string[] _fields;

    private EqualityShape(string[] fields)
    {
        _fields = fields;
        Name = string.Join(Separator, fields);
    }

    /// <summary>The compared fields, in a fixed order: filters with the same name group records the same way.</summary>
    public string Name { get; }

    /// <summary>The shape of <paramref name="filter"/> and the key of the records it matches; false when the filter is
    /// not a conjunction of equalities with scalar values (then it is matched record by record).</summary>
    public static bool TryOf(RecordFilter filter, out EqualityShape? shape, out string key)
    {
        // The common case, one field: no array to sort, no join, and the field's shape built once.
        if (filter is FieldEqualsFilter single)
        {
            if (single.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                (shape, key) = (null, string.Empty);
                return false;
            }

            shape = SingleFieldShapes.GetOrAdd(single.Field, static field => new EqualityShape([field]));
            key = single.EqualityKey;
            return true;
        }

        if (filter is not AndFilter { Children.Length: > 0 } all)
        {
            (shape, key) = (null, string.Empty);
            return false;
        }

        var equalities = new FieldEqualsFilter[all.Children.Length];
        for (var i = 0; i < equalities.Length; i++)
        {
            if (all.Children[i] is not FieldEqualsFilter { ValueKind: not (JsonValueKind.Object or JsonValueKind.Array) } equality)
            {
                (shape, key) = (null, string.Empty);
                return false;
            }

            equalities[i] = equality;
        }

        Array.Sort(equalities, static (a, b) => string.CompareOrdinal(a.Field, b.Field));
        var fields = new string[equalities.Length];
        var keys = new string[equalities.Length];
        for (var i = 0; i < equalities.Length; i++)
        {
            fields[i] = equalities[i].Field;
            keys[i] = equalities[i].EqualityKey;
        }

        shape = new EqualityShape(fields);
        key = string.Join(Separator, keys);
        return true;
    }

    /// <summary>The key of <paramref name="record"/>'s values for this shape's fields; a filter of this shape matches
    /// the record exactly when the keys are equal.</summary>
    public string KeyOf(JsonObject record)
    {
        if (_fields.Length == 1)
        {
            return JsonScalars.EqualityKey(record.TryGetPropertyValue(_fields[0], out var only) ? only : null);
        }

        var keys = new string[_fields.Length];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = JsonScalars.EqualityKey(record.TryGetPropertyValue(_fields[i], out var value) ? value : null);
        }

        return string.Join(Separator, keys);
    }
}
