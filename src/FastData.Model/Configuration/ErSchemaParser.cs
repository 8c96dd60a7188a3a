using System.Text.Json;

namespace FastData.Model.Configuration;

/// <summary>Reads an <c>erSchema.json</c> (Fast Data 1.0.0) and checks it against the projections.</summary>
internal static class ErSchemaParser
{
    public const string FileName = "erSchema.json";

    private static readonly string[] Versions = ["1.0.0"];

    public static ErSchema Parse(ConfigFile file, IReadOnlyDictionary<string, ProjectionDefinition> projections, bool projectionsValid)
    {
        var conditions = new List<ErCondition>();
        var errorsBefore = file.ErrorCount;
        var config = file.ReadEnvelope(Versions, out _);
        if (config is null)
        {
            return new ErSchema(file.RelativePath, conditions, isComplete: false);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var paths = new Dictionary<ErCondition, string>();
        foreach (var (from, fromValue, fromPath) in file.Properties(config.Value, "$.config"))
        {
            var fromKnown = projections.TryGetValue(from, out var fromProjection);
            if (!fromKnown && projectionsValid)
            {
                file.Error(fromPath, $"unknown projection '{from}'");
            }

            if (!file.ExpectObject(fromValue, fromPath))
            {
                continue;
            }

            file.CheckKeys(fromValue, fromPath, "outgoing");
            if (!fromValue.TryGetProperty("outgoing", out var outgoing))
            {
                file.Error(fromPath, "'outgoing' is required");
                continue;
            }

            var outgoingPath = ConfigFile.Child(fromPath, "outgoing");
            if (!file.ExpectObject(outgoing, outgoingPath))
            {
                continue;
            }

            foreach (var (to, toValue, toPath) in file.Properties(outgoing, outgoingPath))
            {
                var toKnown = projections.TryGetValue(to, out var toProjection);
                if (!toKnown && projectionsValid)
                {
                    file.Error(toPath, $"unknown projection '{to}'");
                }

                if (!file.ExpectObject(toValue, toPath))
                {
                    continue;
                }

                file.CheckKeys(toValue, toPath, "conditions");
                if (!toValue.TryGetProperty("conditions", out var conditionsElement))
                {
                    file.Error(toPath, "'conditions' is required");
                    continue;
                }

                var conditionsPath = ConfigFile.Child(toPath, "conditions");
                if (!file.ExpectObject(conditionsElement, conditionsPath))
                {
                    continue;
                }

                foreach (var (name, conditionValue, conditionPath) in file.Properties(conditionsElement, conditionsPath))
                {
                    if (names.TryGetValue(name, out var firstPath))
                    {
                        file.Error(conditionPath, $"duplicate condition name '{name}' (first declared at {firstPath})");
                        continue;
                    }

                    names[name] = conditionPath;
                    if (!file.ExpectObject(conditionValue, conditionPath))
                    {
                        continue;
                    }

                    file.CheckKeys(conditionValue, conditionPath, "oneToMany", "condition");
                    var oneToMany = file.GetBool(conditionValue, conditionPath, "oneToMany") ?? false;
                    if (!conditionValue.TryGetProperty("condition", out var body))
                    {
                        file.Error(conditionPath, "'condition' is required");
                        continue;
                    }

                    var node = ParseNode(file, body, ConfigFile.Child(conditionPath, "condition"),
                        fromKnown ? fromProjection : null, toKnown ? toProjection : null);
                    if (node is null || !fromKnown || !toKnown)
                    {
                        continue;
                    }

                    var condition = new ErCondition(name, from, to, oneToMany, node);
                    conditions.Add(condition);
                    paths[condition] = conditionPath;
                }
            }
        }

        CheckOneToManyBothWays(file, conditions, paths);
        return new ErSchema(file.RelativePath, conditions, isComplete: file.ErrorCount == errorsBefore);
    }

    private static ConditionNode? ParseNode(ConfigFile file, JsonElement body, string path, ProjectionDefinition? from, ProjectionDefinition? to)
    {
        if (!file.ExpectObject(body, path))
        {
            return null;
        }

        var children = new List<ConditionNode>();
        var ok = true;
        foreach (var (key, value, keyPath) in file.Properties(body, path))
        {
            if (key is "$and" or "$or")
            {
                if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() == 0)
                {
                    file.Error(keyPath, $"'{key}' must be a non-empty array of conditions");
                    ok = false;
                    continue;
                }

                var branches = new List<ConditionNode>();
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    var branch = ParseNode(file, item, ConfigFile.Index(keyPath, index++), from, to);
                    if (branch is null)
                    {
                        ok = false;
                    }
                    else
                    {
                        branches.Add(branch);
                    }
                }

                children.Add(key == "$and" ? new ConditionAnd(branches) : new ConditionOr(branches));
                continue;
            }

            if (key.StartsWith('$'))
            {
                file.Error(keyPath, $"unknown operator '{key}' ($and, $or)");
                ok = false;
                continue;
            }

            if (to is not null && !to.Fields.ContainsKey(key))
            {
                file.Error(keyPath, $"unknown field '{key}' of projection '{to.Name}'");
                ok = false;
            }

            if (value.ValueKind != JsonValueKind.String)
            {
                file.Error(keyPath, $"must be a field name or a __string__/__integer__/__boolean__ constant, not {ConfigFile.Describe(value)}");
                ok = false;
                continue;
            }

            var text = value.GetString()!;
            if (ConstantParser.LooksLikeConstant(text))
            {
                if (ConstantParser.TryParse(text, out var constant, out var error))
                {
                    children.Add(new ConditionConstant(key, constant));
                }
                else
                {
                    file.Error(keyPath, $"invalid constant: {error}");
                    ok = false;
                }

                continue;
            }

            if (from is not null && !from.Fields.ContainsKey(text))
            {
                file.Error(keyPath, $"unknown field '{text}' of projection '{from.Name}'");
                ok = false;
                continue;
            }

            children.Add(new ConditionFieldEquals(key, text));
        }

        if (ok && children.Count == 0)
        {
            file.Error(path, "an empty condition relates every record; name at least one field");
            ok = false;
        }

        return !ok ? null : children.Count == 1 ? children[0] : new ConditionAnd(children);
    }

    /// <summary>
    /// A many-to-many relation cannot be aggregated through one condition: reject A->B and B->A both one-to-many
    /// when they equate the same fields (each is the mirror of the other).
    /// </summary>
    private static void CheckOneToManyBothWays(ConfigFile file, List<ErCondition> conditions, Dictionary<ErCondition, string> paths)
    {
        var manies = conditions.Where(c => c.OneToMany).ToList();
        for (var i = 0; i < manies.Count; i++)
        {
            for (var j = i + 1; j < manies.Count; j++)
            {
                var a = manies[i];
                var b = manies[j];
                if (a.From != b.To || a.To != b.From)
                {
                    continue;
                }

                var pairsA = FieldPairs(a.Condition).ToHashSet();
                var mirroredB = FieldPairs(b.Condition).Select(p => (p.Item2, p.Item1)).ToHashSet();
                if (pairsA.Count > 0 && pairsA.SetEquals(mirroredB))
                {
                    file.Error(ConfigFile.Child(paths[b], "oneToMany"),
                        $"'{a.Name}' ({a.From} -> {a.To}) and '{b.Name}' ({b.From} -> {b.To}) are both oneToMany: a relation cannot be one-to-many in both directions");
                }
            }
        }
    }

    private static IEnumerable<(string, string)> FieldPairs(ConditionNode node) => node switch
    {
        ConditionFieldEquals e => [(e.ToField, e.FromField)],
        ConditionAnd a => a.Children.SelectMany(FieldPairs),
        ConditionOr o => o.Children.SelectMany(FieldPairs),
        _ => [],
    };
}
