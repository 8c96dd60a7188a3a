using FastData.Model.Configuration;

namespace FastData.Model.Strategies;

/// <summary>An equality lookup the pipeline performs on a projection: index these fields (in this order).</summary>
/// <param name="Projection">The projection queried.</param>
/// <param name="Fields">The fields compared, sorted ordinally.</param>
public sealed record QueryIndex(string Projection, IReadOnlyList<string> Fields)
{
    /// <summary>Index name suggestion: <c>fd_</c> + fields joined with '_'.</summary>
    public string Name => "fd_" + string.Join('_', Fields);

    /// <inheritdoc />
    public bool Equals(QueryIndex? other) =>
        other is not null && Projection == other.Projection && Fields.SequenceEqual(other.Fields);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Projection, string.Join('\u0001', Fields));

    internal static IReadOnlyList<QueryIndex> Derive(FastDataModel model)
    {
        var result = new List<QueryIndex>();
        var seen = new HashSet<QueryIndex>();

        void Add(string projection, IEnumerable<string> fields)
        {
            var list = fields.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (list.Length == 0)
            {
                return;
            }

            // The primary key already has its unique index.
            if (model.Projections.TryGetValue(projection, out var p) && list.SequenceEqual(p.PrimaryKey.Order(StringComparer.Ordinal)))
            {
                return;
            }

            var index = new QueryIndex(projection, list);
            if (seen.Add(index))
            {
                result.Add(index);
            }
        }

        var schemas = model.SingleViews.Values.Select(s => s.ErSchema).Append(model.ErSchema).Distinct();
        foreach (var schema in schemas)
        {
            foreach (var condition in schema.Conditions)
            {
                foreach (var branch in Branches(condition.Condition))
                {
                    // Aggregation looks up the related side, strategies look up the declaring side.
                    Add(condition.To, branch.Select(l => l switch { ConditionFieldEquals e => e.ToField, ConditionConstant c => c.ToField, _ => string.Empty }).Where(f => f.Length > 0));
                    Add(condition.From, branch.OfType<ConditionFieldEquals>().Select(l => l.FromField));
                }
            }
        }

        foreach (var singleView in model.SingleViews.Values)
        {
            Add(singleView.BaseProjection.Name, singleView.KeyFields.Select(k => k.ProjectionField));
            foreach (var dependency in singleView.Aggregation.Configs.Values.SelectMany(c => c.Dependencies))
            {
                if (dependency.IsIdentifier && dependency.Type == DependencyType.Projection)
                {
                    Add(dependency.Projection!, dependency.IdentifierQuery(singleView.KeyFields).Select(q => q.ProjectionField));
                }
            }
        }

        return result;
    }

    /// <summary>The condition in disjunctive form: each branch is a conjunction of leaves.</summary>
    private static IEnumerable<IReadOnlyList<ConditionNode>> Branches(ConditionNode node) => node switch
    {
        ConditionOr or => or.Children.SelectMany(Branches),
        ConditionAnd and => and.Children.Aggregate(
            (IEnumerable<IReadOnlyList<ConditionNode>>)[[]],
            (acc, child) => acc.SelectMany(prefix => Branches(child).Select(b => (IReadOnlyList<ConditionNode>)[.. prefix, .. b]))),
        _ => [[node]],
    };
}
