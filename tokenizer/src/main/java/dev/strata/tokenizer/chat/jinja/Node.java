package dev.strata.tokenizer.chat.jinja;

import java.util.List;
import java.util.Map;

/** The syntax tree of a template: statements and expressions. */
sealed interface Node {
    // statements
    record Text(String text) implements Node {}
    record Output(Node expr) implements Node {}
    record If(List<Node> conditions, List<List<Node>> bodies, List<Node> elseBody) implements Node {}
    record For(List<String> targets, Node iterable, Node filter, List<Node> body, List<Node> elseBody) implements Node {}
    record Set(String name, String attribute, Node value) implements Node {}
    record Break() implements Node {}
    record Continue() implements Node {}
    record Macro(String name, List<String> params, List<Node> defaults, List<Node> body) implements Node {}

    // expressions
    record Literal(Object value) implements Node {}
    record Var(String name) implements Node {}
    record ListLit(List<Node> items) implements Node {}
    record DictLit(List<Node> keys, List<Node> values) implements Node {}
    record Attr(Node target, String name) implements Node {}
    record Index(Node target, Node index) implements Node {}
    record Slice(Node target, Node start, Node stop, Node step) implements Node {}
    record Call(Node target, List<Node> args, Map<String, Node> kwargs) implements Node {}
    record Filter(Node target, String name, List<Node> args, Map<String, Node> kwargs) implements Node {}
    record Test(Node target, String name, List<Node> args, boolean negated) implements Node {}
    record Unary(String op, Node operand) implements Node {}
    record Binary(String op, Node left, Node right) implements Node {}
    record Ternary(Node condition, Node then, Node otherwise) implements Node {}
}
