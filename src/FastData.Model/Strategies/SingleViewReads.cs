using System.Text.Json.Nodes;
using FastData.Model.Aggregation;
using FastData.Model.Configuration;

namespace FastData.Model.Strategies;

/// <summary>
/// The fields of each projection that each single view's aggregation can observe: the mapped fields, both sides of
/// every ER condition its dependencies follow, the identifier and primary-key fields, and whether the record is live.
/// A change that keeps all of them leaves every document of that single view as it was, so the strategies need not
/// look for the keys it touches, and no aggregation runs for it (a price update does not refresh every customer who
/// bought the product when the customer view shows only the product's name).
/// </summary>
/// <remarks>
/// A single view that calls a <c>__fromFile__</c> function reads whole records (the function sees every dependency in
/// scope), so every change of a projection it depends on reaches it.
/// </remarks>
public sealed class SingleViewReads
{
    // Per (single view, projection): the fields read, or null when every field may be read.
    private readonly Dictionary<(string SingleView, string Projection), string[]?> _fields = [];

    internal SingleViewReads(FastDataModel model)
    {
        foreach (var singleView in model.SingleViews.Values)
        {
            foreach (var (projection, fields) in Derive(singleView, model.Projections))
            {
                _fields[(singleView.Name, projection)] = fields?.Order(StringComparer.Ordinal).ToArray();
            }
        }
    }

    /// <summary>
    /// The fields of <paramref name="projection"/> that <paramref name="singleView"/> reads, in ordinal order; null when
    /// it may read any field, or when its aggregation does not read the projection at all (a
    /// <c>projectionChangesSchema.json</c> path may still lead there from it: such changes are never second-guessed).
    /// </summary>
    public IReadOnlyList<string>? FieldsRead(string singleView, string projection) =>
        _fields.TryGetValue((singleView, projection), out var fields) ? fields : null;

    /// <summary>
    /// False when the change from <paramref name="before"/> to <paramref name="after"/> (two versions of one record of
    /// <paramref name="projection"/>) keeps everything <paramref name="singleView"/> reads: both versions hidden
    /// (soft-deleted), or both live with the same values (JSON deep equality, as the single view's own unchanged-document
    /// check) in every field read. True otherwise, and whenever a version is missing (an insert or a delete).
    /// </summary>
    public bool MayChange(string singleView, string projection, JsonObject? before, JsonObject? after)
    {
        if (before is null || after is null)
        {
            return true;
        }

        var live = RecordStates.IsPublic(before);
        if (live != RecordStates.IsPublic(after))
        {
            return true;
        }

        if (!live)
        {
            // The aggregation reads live records only.
            return false;
        }

        if (FieldsRead(singleView, projection) is not { } fields)
        {
            return true;
        }

        foreach (var field in fields)
        {
            var hadField = before.TryGetPropertyValue(field, out var old);
            if (hadField != after.TryGetPropertyValue(field, out var current) || !JsonNode.DeepEquals(old, current))
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, HashSet<string>?> Derive(SingleViewDefinition singleView,
        IReadOnlyDictionary<string, ProjectionDefinition> projections)
    {
        var read = new Dictionary<string, HashSet<string>?>(StringComparer.Ordinal);
        var dependencies = singleView.Aggregation.Configs.Values
            .SelectMany(c => c.Dependencies)
            .Where(d => d.Type == DependencyType.Projection && d.Projection is not null)
            .ToArray();
        foreach (var dependency in dependencies)
        {
            Add(dependency.Projection!, projections.TryGetValue(dependency.Projection!, out var definition) ? definition.PrimaryKey : []);
            if (dependency.IsIdentifier)
            {
                Add(dependency.Projection!, dependency.IdentifierQuery(singleView.KeyFields).Select(q => q.ProjectionField));
            }

            if (dependency.Condition is { } condition)
            {
                foreach (var (projection, field) in condition.ComparedFields())
                {
                    Add(projection, [field]);
                }
            }
        }

        Add(singleView.BaseProjection.Name, singleView.BaseProjection.PrimaryKey);
        Add(singleView.BaseProjection.Name, singleView.KeyFields.Select(k => k.ProjectionField));

        // An alias names one projection per configuration; across configurations it may name several: each gets the field.
        var aliases = dependencies.ToLookup(d => d.Alias, d => d.Projection!, StringComparer.Ordinal);
        foreach (var config in singleView.Aggregation.Configs.Values)
        {
            if (!AddMapping(config.Mapping))
            {
                // A function sees whole records (and a mapping not understood here is treated alike): this single view
                // may read any field of any of its projections.
                foreach (var projection in read.Keys.ToArray())
                {
                    read[projection] = null;
                }

                return read;
            }
        }

        return read;

        // False when the mapping may read any field.
        bool AddMapping(MappingNode node)
        {
            switch (node)
            {
                case MappingObject obj:
                    return obj.Properties.All(p => AddMapping(p.Value));
                case MappingField field when !aliases.Contains(field.Alias):
                    return false;
                case MappingField field:
                    foreach (var projection in aliases[field.Alias])
                    {
                        Add(projection, field.Path.Take(1));
                    }

                    return true;
                case MappingFunction:
                    return false;
                case MappingConstant or MappingConfig:
                    // A config's result is read through its own mapping, visited with the other configurations.
                    return true;
                default:
                    return false;
            }
        }

        void Add(string projection, IEnumerable<string> fields)
        {
            if (!read.TryGetValue(projection, out var set))
            {
                read[projection] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set?.UnionWith(fields);
        }
    }
}
