using System.Text.Json;
using FastData.Model.Aggregation;

namespace FastData.Model.Configuration;

/// <summary>A value of an aggregation <c>mapping</c>.</summary>
public abstract record MappingNode;

/// <summary>A nested object mapping; properties keep declaration order.</summary>
public sealed record MappingObject(IReadOnlyList<KeyValuePair<string, MappingNode>> Properties) : MappingNode;

/// <summary><c>"ALIAS.field.sub"</c>: a (possibly nested) field of a projection dependency.</summary>
public sealed record MappingField(string Alias, IReadOnlyList<string> Path) : MappingNode;

/// <summary><c>"CONFIG_NAME"</c>: the result of a config dependency.</summary>
public sealed record MappingConfig(string Alias) : MappingNode;

/// <summary>A constant: a JSON number, boolean or null, or <c>__string__[x]</c>/<c>__integer__[n]</c>/<c>__boolean__[b]</c>.</summary>
public sealed record MappingConstant(JsonElement Value) : MappingNode;

/// <summary><c>"__fromFile__[name]"</c>: a registered C# function.</summary>
public sealed record MappingFunction(string Name, AggregationFunction Function) : MappingNode;
