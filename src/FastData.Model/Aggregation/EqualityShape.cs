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
        var equalities = filter switch
        {
            FieldEqualsFilter eq => [eq],
            AndFilter { Children.Length: > 0 } all when all.Children.All(c => c is FieldEqualsFilter) => all.Children.Cast<FieldEqualsFilter>().ToArray(),
            _ => null,
        };
        if (equalities is null || !Array.TrueForAll(equalities, e => e.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
        {
            (shape, key) = (null, string.Empty);
            return false;
        }

        Array.Sort(equalities, (a, b) => string.CompareOrdinal(a.Field, b.Field));
        shape = new EqualityShape([.. equalities.Select(e => e.Field)]);
        key = string.Join(Separator, equalities.Select(e => JsonScalars.EqualityKey(e.Value)));
        return true;
    }

    /// <summary>The key of <paramref name="record"/>'s values for this shape's fields; a filter of this shape matches
    /// the record exactly when the keys are equal.</summary>
    public string KeyOf(JsonObject record) =>
        string.Join(Separator, _fields.Select(f => JsonScalars.EqualityKey(record.TryGetPropertyValue(f, out var v) ? v : null)));
}
