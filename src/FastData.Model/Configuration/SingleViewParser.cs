using System.Text.Json;
using FastData.Model.Aggregation;

namespace FastData.Model.Configuration;

/// <summary>
/// Reads one single view's folder: <c>aggregation.json</c> (Fast Data low-code 1.0.0-1.3.0), <c>singleViewKey.json</c>,
/// optionally <c>erSchema.json</c> and <c>singleView.json</c>, and checks them against projections and the ER schema.
/// </summary>
internal sealed class SingleViewParser
{
    public const string AggregationFileName = "aggregation.json";
    public const string KeyFileName = "singleViewKey.json";
    public const string SettingsFileName = "singleView.json";

    private static readonly string[] AggregationVersions = ["1.0.0", "1.1.0", "1.2.0", "1.3.0"];
    private static readonly string[] KeyVersions = ["1.0.0"];
    private static readonly string[] SettingsKeys = ["version", "validator"];

    /// <summary>Fields the store writes at the top of every single-view document: the key and the timestamps.</summary>
    private static readonly HashSet<string> DocumentMetadataFields = new(StringComparer.Ordinal) { "_id", "createdAt", "updatedAt" };

    private readonly ConfigFile _file;
    private readonly IReadOnlyDictionary<string, ProjectionDefinition> _projections;
    private readonly bool _projectionsValid;
    private readonly ErSchema _erSchema;
    private readonly CustomFunctionRegistry _functions;
    private readonly Dictionary<string, AggregationConfig> _configs = new(StringComparer.Ordinal);
    private readonly Dictionary<AggregationConfig, string> _configPaths = [];
    private readonly Dictionary<AggregationDependency, string> _dependencyPaths = [];
    private readonly Dictionary<AggregationConfig, JsonElement> _rawMappings = [];
    private readonly HashSet<AggregationConfig> _walked = [];
    private IReadOnlyCollection<string>? _identifierFields;
    private bool _ok = true;

    private SingleViewParser(ConfigFile file, IReadOnlyDictionary<string, ProjectionDefinition> projections, bool projectionsValid,
        ErSchema erSchema, CustomFunctionRegistry functions)
    {
        _file = file;
        _projections = projections;
        _projectionsValid = projectionsValid;
        _erSchema = erSchema;
        _functions = functions;
    }

    public static SingleViewDefinition? Parse(string name, string folder, string relativeFolder, List<ConfigurationError> errors,
        IReadOnlyDictionary<string, ProjectionDefinition> projections, bool projectionsValid, ErSchema folderErSchema,
        CustomFunctionRegistry functions)
    {
        var errorCount = errors.Count;
        var erSchema = folderErSchema;
        var ownErFile = ConfigFile.Open(folder, $"{relativeFolder}/{ErSchemaParser.FileName}", required: false, errors);
        if (ownErFile is not null)
        {
            erSchema = ErSchemaParser.Parse(ownErFile, projections, projectionsValid);
        }

        var aggregationFile = ConfigFile.Open(folder, $"{relativeFolder}/{AggregationFileName}", required: true, errors);
        var keyFile = ConfigFile.Open(folder, $"{relativeFolder}/{KeyFileName}", required: true, errors);
        var settingsFile = ConfigFile.Open(folder, $"{relativeFolder}/{SettingsFileName}", required: false, errors);
        var (validatorName, validator) = settingsFile is null ? (null, null) : ParseSettings(settingsFile, functions);

        if (aggregationFile is null)
        {
            return null;
        }

        var parser = new SingleViewParser(aggregationFile, projections, projectionsValid, erSchema, functions);
        var aggregation = parser.ParseAggregation(out var baseDependency);
        IReadOnlyList<SingleViewKeyField>? keyFields = null;
        var baseProjection = baseDependency?.Projection is { } p && projections.TryGetValue(p, out var bp) ? bp : null;
        if (keyFile is not null)
        {
            keyFields = ParseKey(keyFile, baseProjection);
        }

        if (aggregation is not null)
        {
            // Without a valid key the identifier checks are skipped; everything else is still checked.
            parser._identifierFields = keyFields?.Select(k => k.ProjectionField).ToArray();
            parser.Walk(aggregation.Root, [], "$.config.SV_CONFIG");
            foreach (var config in aggregation.Configs.Values)
            {
                if (!parser._walked.Contains(config))
                {
                    parser.Error(parser._configPaths[config], $"config '{config.Name}' is not used: no config dependency names it");
                }
            }
        }

        if (errors.Count > errorCount || aggregation is null || keyFields is null || baseProjection is null || !parser._ok)
        {
            return null;
        }

        return new SingleViewDefinition(name, aggregation, keyFields, baseProjection, baseDependency!, erSchema, projections, validatorName, validator);
    }

    private static (string?, SingleViewValidator?) ParseSettings(ConfigFile file, CustomFunctionRegistry functions)
    {
        if (!file.ExpectObject(file.Root, "$"))
        {
            return (null, null);
        }

        file.CheckKeys(file.Root, "$", SettingsKeys);
        var version = file.GetString(file.Root, "$", "version", required: true);
        if (version is not null && version != "1.0.0")
        {
            file.Error("$.version", $"unsupported version '{version}' (supported: 1.0.0)");
        }

        var name = file.GetString(file.Root, "$", "validator", required: false);
        if (name is null)
        {
            return (null, null);
        }

        if (!functions.TryGetValidator(name, out var validator))
        {
            file.Error("$.validator", $"unknown validator '{name}' (register it in CustomFunctionRegistry)");
            return (null, null);
        }

        return (name, validator);
    }

    private static IReadOnlyList<SingleViewKeyField>? ParseKey(ConfigFile file, ProjectionDefinition? baseProjection)
    {
        var config = file.ReadEnvelope(KeyVersions, out _);
        if (config is null)
        {
            return null;
        }

        var fields = new List<SingleViewKeyField>();
        var ok = true;
        foreach (var (svField, value, path) in file.Properties(config.Value, "$.config"))
        {
            if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
            {
                file.Error(path, $"must be the name of a field of the base projection, not {ConfigFile.Describe(value)}");
                ok = false;
                continue;
            }

            var projectionField = value.GetString()!;
            if (baseProjection is not null && !baseProjection.Fields.ContainsKey(projectionField))
            {
                file.Error(path, $"unknown field '{projectionField}' of base projection '{baseProjection.Name}'");
                ok = false;
                continue;
            }

            if (baseProjection is not null && baseProjection.Fields[projectionField].Type is FieldType.Object or FieldType.Array)
            {
                file.Error(path, $"field '{projectionField}' is an {baseProjection.Fields[projectionField].Type.ToString().ToLowerInvariant()} and cannot be part of a key");
                ok = false;
                continue;
            }

            fields.Add(new SingleViewKeyField(svField, projectionField));
        }

        if (ok && fields.Count == 0)
        {
            file.Error("$.config", "declares no key field");
            ok = false;
        }

        return ok ? fields : null;
    }

    private AggregationDefinition? ParseAggregation(out AggregationDependency? baseDependency)
    {
        baseDependency = null;
        var config = _file.ReadEnvelope(AggregationVersions, out var version);
        if (config is null)
        {
            return null;
        }

        foreach (var (name, value, path) in _file.Properties(config.Value, "$.config"))
        {
            var parsed = ParseConfig(name, value, path);
            if (parsed is not null)
            {
                _configs[name] = parsed;
                _configPaths[parsed] = path;
            }
        }

        foreach (var c in _configs.Values)
        {
            foreach (var dependency in c.Dependencies.Where(d => d.Type == DependencyType.Config))
            {
                if (!_configs.TryGetValue(dependency.Alias, out var target))
                {
                    Error(_dependencyPaths[dependency], $"unknown config '{dependency.Alias}'");
                }
                else if (target.Name == AggregationDefinition.RootConfigName)
                {
                    Error(_dependencyPaths[dependency], $"'{AggregationDefinition.RootConfigName}' cannot be a dependency");
                }
                else
                {
                    dependency.Config = target;
                }
            }
        }

        if (!_configs.TryGetValue(AggregationDefinition.RootConfigName, out var root))
        {
            if (!config.Value.TryGetProperty(AggregationDefinition.RootConfigName, out _))
            {
                Error("$.config", $"'{AggregationDefinition.RootConfigName}' is required");
            }

            return null;
        }

        if (root.JoinDependency is not null)
        {
            Error(ConfigFile.Child(_configPaths[root], "joinDependency"), $"'{AggregationDefinition.RootConfigName}' cannot have a joinDependency");
        }

        baseDependency = root.Dependencies.FirstOrDefault(d => d.Type == DependencyType.Projection && d.IsIdentifier);
        if (baseDependency is null)
        {
            Error(ConfigFile.Child(_configPaths[root], "dependencies"),
                $"'{AggregationDefinition.RootConfigName}' needs a projection dependency with \"on\": \"_identifier\" (the base projection)");
        }

        CheckCycles();
        return new AggregationDefinition(version, root, _configs);
    }

    private AggregationConfig? ParseConfig(string name, JsonElement value, string path)
    {
        if (!_file.ExpectObject(value, path))
        {
            _ok = false;
            return null;
        }

        _file.CheckKeys(value, path, "joinDependency", "dependencies", "dependencyOrder", "mapping");
        var config = new AggregationConfig(name)
        {
            JoinDependency = _file.GetString(value, path, "joinDependency", required: false),
        };
        var dependencies = new List<AggregationDependency>();
        if (value.TryGetProperty("dependencies", out var deps))
        {
            var depsPath = ConfigFile.Child(path, "dependencies");
            if (_file.ExpectObject(deps, depsPath))
            {
                foreach (var (alias, depValue, depPath) in _file.Properties(deps, depsPath))
                {
                    var dependency = ParseDependency(alias, depValue, depPath);
                    if (dependency is not null)
                    {
                        dependencies.Add(dependency);
                        _dependencyPaths[dependency] = depPath;
                    }
                }
            }
            else
            {
                _ok = false;
            }
        }

        if (value.TryGetProperty("dependencyOrder", out var order))
        {
            dependencies = ApplyDependencyOrder(dependencies, order, ConfigFile.Child(path, "dependencyOrder"));
        }

        // Fast Data resolves a config's own joinDependency first: it is the list the mapping iterates over.
        var ownJoin = dependencies.FindIndex(d => d.Type == DependencyType.Projection && d.Alias == config.JoinDependency);
        if (ownJoin > 0)
        {
            var join = dependencies[ownJoin];
            dependencies.RemoveAt(ownJoin);
            dependencies.Insert(0, join);
        }

        config.OwnsJoinDependency = ownJoin >= 0;
        config.Dependencies = dependencies;
        if (!value.TryGetProperty("mapping", out var mapping))
        {
            Error(path, "'mapping' is required");
        }
        else if (_file.ExpectObject(mapping, ConfigFile.Child(path, "mapping")))
        {
            _rawMappings[config] = mapping;
        }
        else
        {
            _ok = false;
        }

        return config;
    }

    private List<AggregationDependency> ApplyDependencyOrder(List<AggregationDependency> dependencies, JsonElement order, string path)
    {
        if (order.ValueKind != JsonValueKind.Array)
        {
            Error(path, $"must be an array of dependency names, not {ConfigFile.Describe(order)}");
            return dependencies;
        }

        var ordered = new List<AggregationDependency>();
        var index = 0;
        foreach (var item in order.EnumerateArray())
        {
            var itemPath = ConfigFile.Index(path, index++);
            var name = item.ValueKind == JsonValueKind.String ? item.GetString()! : null;
            var dependency = dependencies.FirstOrDefault(d => d.Alias == name);
            if (dependency is null)
            {
                Error(itemPath, name is null ? "must be a dependency name" : $"'{name}' is not a dependency of this config");
            }
            else if (ordered.Contains(dependency))
            {
                Error(itemPath, $"duplicate name '{name}'");
            }
            else
            {
                ordered.Add(dependency);
            }
        }

        // Dependencies the order does not list keep their declaration order, after the listed ones.
        ordered.AddRange(dependencies.Where(d => !ordered.Contains(d)));
        return ordered;
    }

    private AggregationDependency? ParseDependency(string alias, JsonElement value, string path)
    {
        if (!_file.ExpectObject(value, path))
        {
            _ok = false;
            return null;
        }

        _file.CheckKeys(value, path, "type", "on", "aliasOf", "useAlias", "identifierQueryMapping");
        var typeText = _file.GetString(value, path, "type", required: true);
        if (typeText is null)
        {
            _ok = false;
            return null;
        }

        if (typeText == "config")
        {
            foreach (var key in new[] { "on", "aliasOf", "useAlias", "identifierQueryMapping" })
            {
                if (value.TryGetProperty(key, out _))
                {
                    Error(ConfigFile.Child(path, key), $"'{key}' applies to projection dependencies only");
                }
            }

            return new AggregationDependency(alias, DependencyType.Config);
        }

        if (typeText != "projection")
        {
            Error(ConfigFile.Child(path, "type"), $"unknown dependency type '{typeText}' (projection or config)");
            return null;
        }

        var dependency = new AggregationDependency(alias, DependencyType.Projection)
        {
            AliasOf = _file.GetString(value, path, "aliasOf", required: false),
            On = _file.GetString(value, path, "on", required: true),
            UseAlias = _file.GetString(value, path, "useAlias", required: false),
        };
        dependency.Projection = dependency.AliasOf ?? alias;
        if (!_projections.ContainsKey(dependency.Projection))
        {
            if (_projectionsValid)
            {
                Error(dependency.AliasOf is null ? path : ConfigFile.Child(path, "aliasOf"),
                    $"unknown projection '{dependency.Projection}'" + (dependency.AliasOf is null ? " (use aliasOf to name the projection of an alias)" : string.Empty));
            }
            else
            {
                _ok = false;
            }

            dependency.IsBroken = true;
            return dependency;
        }

        var projection = _projections[dependency.Projection];
        if (dependency.On is null)
        {
            _ok = false;
            dependency.IsBroken = true;
            return dependency;
        }

        if (value.TryGetProperty("identifierQueryMapping", out var iqm))
        {
            var iqmPath = ConfigFile.Child(path, "identifierQueryMapping");
            if (!dependency.IsIdentifier)
            {
                Error(iqmPath, "'identifierQueryMapping' applies to \"on\": \"_identifier\" dependencies only");
            }
            else if (_file.ExpectObject(iqm, iqmPath))
            {
                var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (field, identifierField, fieldPath) in _file.Properties(iqm, iqmPath))
                {
                    if (!projection.Fields.ContainsKey(field))
                    {
                        Error(fieldPath, $"unknown field '{field}' of projection '{projection.Name}'");
                    }
                    else if (identifierField.ValueKind != JsonValueKind.String)
                    {
                        Error(fieldPath, $"must name an identifier field, not {ConfigFile.Describe(identifierField)}");
                    }
                    else
                    {
                        // Fast Data writes the value as "_identifier.FIELD"; the bare field name is accepted too.
                        const string prefix = "_identifier.";
                        var text = identifierField.GetString()!;
                        mapping[field] = text.StartsWith(prefix, StringComparison.Ordinal) ? text[prefix.Length..] : text;
                    }
                }

                dependency.IdentifierQueryMapping = mapping;
            }
        }

        if (!dependency.IsIdentifier)
        {
            if (!_erSchema.TryGetCondition(dependency.On, out var condition))
            {
                if (_erSchema.IsComplete)
                {
                    Error(ConfigFile.Child(path, "on"), $"'{dependency.On}' names no ER condition in {_erSchema.File}");
                }
                else
                {
                    _ok = false;
                }

                dependency.IsBroken = true;
                return dependency;
            }

            if (condition.To != projection.Name)
            {
                Error(ConfigFile.Child(path, "on"),
                    $"condition '{condition.Name}' relates '{condition.From}' to '{condition.To}', not to '{projection.Name}'");
                dependency.IsBroken = true;
                return dependency;
            }

            dependency.Condition = condition;
            dependency.IsMany = condition.OneToMany;
        }
        else if (dependency.UseAlias is not null)
        {
            Error(ConfigFile.Child(path, "useAlias"), "'useAlias' applies to dependencies joined by an ER condition");
        }

        return dependency;
    }

    private void CheckCycles()
    {
        var state = new Dictionary<AggregationConfig, int>();
        var stack = new List<AggregationConfig>();

        void Visit(AggregationConfig config)
        {
            state[config] = 1;
            stack.Add(config);
            foreach (var dependency in config.Dependencies)
            {
                if (dependency.Config is not { } next)
                {
                    continue;
                }

                state.TryGetValue(next, out var s);
                if (s == 1)
                {
                    var cycle = stack.Skip(stack.IndexOf(next)).Select(c => c.Name).Append(next.Name);
                    Error(_dependencyPaths[dependency], $"config dependency cycle: {string.Join(" -> ", cycle)}");
                    dependency.Config = null;
                }
                else if (s == 0)
                {
                    Visit(next);
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[config] = 2;
        }

        foreach (var config in _configs.Values)
        {
            if (!state.ContainsKey(config))
            {
                Visit(config);
            }
        }
    }

    /// <summary>Checks a configuration in the scope it is evaluated in and builds its mapping.</summary>
    private void Walk(AggregationConfig config, List<ScopeEntry> inherited, string path, int depth = 0)
    {
        if (!_walked.Add(config))
        {
            return;
        }

        var scope = new List<ScopeEntry>(inherited);
        if (config.JoinDependency is { } join && !config.OwnsJoinDependency)
        {
            var joined = scope.FindLastIndex(s => s.Alias == join);
            if (joined < 0)
            {
                Error(ConfigFile.Child(path, "joinDependency"), $"'{join}' is not a projection dependency of a config that uses '{config.Name}'");
            }
            else
            {
                // The joined record belongs to this config: one record at a time, innermost in scope.
                scope.Add(scope[joined] with { IsMany = false, Depth = depth });
            }
        }

        foreach (var dependency in config.Dependencies.Where(d => d.Type == DependencyType.Projection))
        {
            var depPath = _dependencyPaths[dependency];
            if (dependency.IsBroken)
            {
                scope.Add(new ScopeEntry(dependency.Alias, dependency.Projection!, IsMany: false, IsBroken: true, depth));
                continue;
            }

            if (dependency.IsIdentifier && _identifierFields is null)
            {
                // The key file is invalid (reported there): identifier fields are unknown.
            }
            else if (dependency.IsIdentifier)
            {
                if (dependency.IdentifierQueryMapping is null)
                {
                    foreach (var identifierField in _identifierFields!)
                    {
                        if (!_projections[dependency.Projection!].Fields.ContainsKey(identifierField))
                        {
                            Error(depPath, $"projection '{dependency.Projection}' has no field '{identifierField}' to match identifier field '{identifierField}' (add identifierQueryMapping)");
                        }
                    }
                }
                else if (dependency.IdentifierQueryMapping.Count == 0)
                {
                    Error(ConfigFile.Child(depPath, "identifierQueryMapping"), "must map at least one field");
                }

                foreach (var (field, identifierField) in dependency.IdentifierQueryMapping ?? new Dictionary<string, string>())
                {
                    if (!_identifierFields!.Contains(identifierField))
                    {
                        Error(ConfigFile.Child(ConfigFile.Child(depPath, "identifierQueryMapping"), field),
                            $"'{identifierField}' is not an identifier field ({string.Join(", ", _identifierFields!)})");
                    }
                }
            }
            else
            {
                var condition = dependency.Condition!;
                var source = ScopeEntry.FindSource(scope, condition.From, dependency.UseAlias);
                if (source is null)
                {
                    Error(dependency.UseAlias is null ? ConfigFile.Child(depPath, "on") : ConfigFile.Child(depPath, "useAlias"),
                        dependency.UseAlias is null
                            ? $"condition '{condition.Name}' starts from '{condition.From}', but no dependency of '{condition.From}' is declared before '{dependency.Alias}'"
                            : $"'{dependency.UseAlias}' is not a dependency of projection '{condition.From}' declared before '{dependency.Alias}'");
                }
                else if (source.IsBroken)
                {
                    dependency.IsBroken = true;
                }
                else if (source.IsMany)
                {
                    Error(ConfigFile.Child(depPath, "on"),
                        $"'{source.Alias}' is one-to-many: chain '{dependency.Alias}' in a config whose joinDependency is '{source.Alias}'");
                }
                else
                {
                    dependency.SourceAlias = source.Alias;
                }
            }

            // The config's own joinDependency is iterated: its mapping sees one joined record at a time.
            var isJoin = config.OwnsJoinDependency && dependency.Alias == config.JoinDependency;
            scope.Add(new ScopeEntry(dependency.Alias, dependency.Projection!, dependency.IsMany && !isJoin, dependency.IsBroken, depth));
        }

        foreach (var dependency in config.Dependencies.Where(d => d.Type == DependencyType.Config && d.Config is not null))
        {
            Walk(dependency.Config!, scope, _configPaths[dependency.Config!], depth + 1);
        }

        if (_rawMappings.TryGetValue(config, out var raw))
        {
            config.Mapping = BuildMapping(config, raw, ConfigFile.Child(path, "mapping"), scope, documentRoot: config.Name == AggregationDefinition.RootConfigName);
        }
    }

    /// <param name="documentRoot">The mapping is the document's top level, where the store keeps its own fields.</param>
    private MappingObject BuildMapping(AggregationConfig config, JsonElement raw, string path, List<ScopeEntry> scope, bool documentRoot = false)
    {
        var properties = new List<KeyValuePair<string, MappingNode>>();
        foreach (var (key, value, keyPath) in _file.Properties(raw, path))
        {
            if (documentRoot && DocumentMetadataFields.Contains(key))
            {
                Error(keyPath, $"'{key}' is reserved for storage metadata at the top of a single-view document (map it under another name)");
                continue;
            }

            var node = BuildMappingValue(config, value, keyPath, scope);
            if (node is not null)
            {
                properties.Add(new(key, node));
            }
        }

        return new MappingObject(properties);
    }

    private MappingNode? BuildMappingValue(AggregationConfig config, JsonElement value, string path, List<ScopeEntry> scope)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                return BuildMapping(config, value, path, scope);
            case JsonValueKind.Array:
                Error(path, "an array is not a mapping value (use a config with a joinDependency)");
                return null;
            case JsonValueKind.String:
                break;
            default:
                return new MappingConstant(value.Clone());
        }

        var text = value.GetString()!;
        if (text.StartsWith("__fromFile__[", StringComparison.Ordinal) && text.EndsWith(']'))
        {
            var name = text["__fromFile__[".Length..^1];
            if (_functions.TryGetAggregationFunction(name, out var function))
            {
                return new MappingFunction(name, function);
            }

            Error(path, $"unknown function '{name}' (register it in CustomFunctionRegistry)");
            return null;
        }

        if (ConstantParser.LooksLikeConstant(text))
        {
            if (ConstantParser.TryParse(text, out var constant, out var error))
            {
                return new MappingConstant(constant);
            }

            Error(path, $"invalid constant: {error}");
            return null;
        }

        if (config.Dependencies.Any(d => d.Type == DependencyType.Config && d.Alias == text))
        {
            return new MappingConfig(text);
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var alias = dot < 0 ? text : text[..dot];
        var entry = scope.LastOrDefault(s => s.Alias == alias);
        if (entry is null)
        {
            Error(path, $"'{text}' names no dependency or config in scope of '{config.Name}' (constants are written __string__[...])");
            return null;
        }

        if (entry.IsBroken)
        {
            return new MappingField(alias, dot < 0 ? [] : text[(dot + 1)..].Split('.'));
        }

        if (dot < 0 || dot == text.Length - 1)
        {
            Error(path, $"'{text}' must name a field: '{alias}.FIELD'");
            return null;
        }

        if (entry.IsMany)
        {
            Error(path, $"'{alias}' is one-to-many: map it through a config whose joinDependency is '{alias}'");
            return null;
        }

        var fieldPath = text[(dot + 1)..].Split('.');
        if (!_projections[entry.Projection].Fields.ContainsKey(fieldPath[0]))
        {
            Error(path, $"unknown field '{fieldPath[0]}' of projection '{entry.Projection}'");
            return null;
        }

        return new MappingField(alias, fieldPath);
    }

    private void Error(string path, string message)
    {
        _ok = false;
        _file.Error(path, message);
    }
}
