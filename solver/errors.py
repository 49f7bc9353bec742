"""ParseError: why a piece of text could not be read, with its message in English and Chinese."""
from __future__ import annotations

from typing import Any

# code -> (English template, Chinese template), filled with ParseError.params. Every message says what is wrong,
# where (column), and what to type instead, with an example ("e.g." / "例如").
FUNCTIONS_UNDERSTOOD = ("exp, log, ln, log_2, sqrt, root(x, n), sin, cos, tan, sec, csc, cot, arcsin, arccos, arctan, "
                        "sinh, cosh, tanh, sech, csch, coth, arsinh, arcosh, artanh, abs, max, min, σ (sigmoid), relu, "
                        "factorial")
MESSAGES: dict[str, tuple[str, str]] = {
    "empty": ("the answer is empty — type an expression, e.g. 2x + 1", "答案是空的——请输入表达式，例如 2x + 1"),
    "too_long": ("the answer is too long ({length} characters; at most {limit}) — simplify it first, e.g. 3x^2 "
                 "instead of x*x*x + x*x*x + x*x*x", "答案太长（{length} 个字符；最多 {limit} 个）——请先化简，例如写 3x^2 而不是 x*x*x + …"),
    "too_deep": ("too many nested brackets or operators at column {column} (at most {limit} levels) — write it with "
                 "fewer brackets, e.g. (x+1)^2", "第 {column} 列处括号或运算嵌套太深（最多 {limit} 层）——请减少括号，例如 (x+1)^2"),
    "too_many_tokens": ("the answer has too many parts ({count}; at most {limit}) — simplify it first, e.g. 10x "
                        "instead of x + x + … + x", "答案的组成部分太多（{count} 个；最多 {limit} 个）——请先化简，例如写 10x 而不是 x + x + … + x"),
    "unexpected_char": ("unexpected character {char} at column {column} — use numbers, names, + - * / ^, brackets "
                        "and functions, e.g. 2*(x+1)^2 or \\frac{{3}}{{4}}",
                        "第 {column} 列有无法识别的字符 {char}——请使用数字、名称、+ - * / ^、括号和函数，例如 2*(x+1)^2 或 \\frac{{3}}{{4}}"),
    "unexpected_token": ("unexpected '{token}' at column {column} — something is missing before it, e.g. 2*x, "
                         "not 2*", "第 {column} 列出现了意外的 '{token}'——它前面缺少内容，例如应写 2*x 而不是 2*"),
    "row_separator": ("'{token}' at column {column} separates the rows of a matrix, inside square brackets: "
                      "[1, 2; 3, 4] — between the entries of a vector or a set write a comma, e.g. (1, 2)",
                      "第 {column} 列的 '{token}' 用来分隔矩阵的行，只能写在方括号里：[1, 2; 3, 4]——向量或集合的元素之间请写逗号，例如 (1, 2)"),
    "repeating_decimal": ("{typed} at column {column} is a repeating decimal, which is not read here — write it as a "
                          "fraction, e.g. {fraction}", "第 {column} 列的 {typed} 是循环小数的写法，这里无法识别——请写成分数，例如 {fraction}"),
    "repeating_decimal_mark": ("{name} at column {column} marks a repeating decimal, which is not read here — write "
                               "it as a fraction, e.g. 1/3 for 0.333…",
                               "第 {column} 列的 {name} 表示循环小数，这里无法识别——请写成分数，例如 0.333… 写成 1/3"),
    "entries_need_commas": ("unexpected number {token} at column {column} — separate entries with commas, e.g. "
                            "(1, 2, 3) or [1, 2; 3, 4], or write an operator between numbers, e.g. 2*3",
                            "第 {column} 列出现了意外的数字 {token}——各项之间请用逗号分隔，例如 (1, 2, 3) 或 [1, 2; 3, 4]；"
                            "数字相乘请写运算符，例如 2*3"),
    "mixed_number": ("{typed} at column {column} is a mixed number, which is not read here — write it as one fraction or "
                     "a sum, e.g. 5/2 or 2 + 1/2 for 2½", "第 {column} 列的 {typed} 是带分数，这里无法识别——请写成一个分数或一个和，例如 2½ 写成 5/2 或 2 + 1/2"),
    "unexpected_number": ("unexpected number {token} at column {column} — write an operator between numbers, "
                          "e.g. 2*3, not 2 3", "第 {column} 列出现了意外的数字 {token}——数字之间请写运算符，例如 2*3 而不是 2 3"),
    "unexpected_end": ("unexpected end of input — something is missing at the end, e.g. x^ needs its power: x^2",
                       "输入意外结束——末尾缺少内容，例如 x^ 后面要写指数：x^2"),
    "power_needs_exponent": ("the {token} at column {column} has no power after it — write powers as x^(n-1) or "
                             "x^{{n-1}}, e.g. x^2", "第 {column} 列的 {token} 后面缺少指数——幂请写成 x^(n-1) 或 x^{{n-1}}，例如 x^2"),
    "fraction_needs_denominator": ("the {token} at column {column} has nothing to divide by — a fraction: 3/4 or "
                                   "\\frac{{3}}{{4}}, e.g. (x+1)/2", "第 {column} 列的 {token} 后面缺少除数——分数请写成 3/4 或 "
                                   "\\frac{{3}}{{4}}，例如 (x+1)/2"),
    "unmatched_open": ("unmatched {token} at column {column} — close it, e.g. (x+1)^2 or x^{{n-1}}",
                       "第 {column} 列的 {token} 没有配对的右括号——请补上，例如 (x+1)^2 或 x^{{n-1}}"),
    "unmatched_close": ("unexpected '{token}' at column {column} — it closes nothing; remove it or open it first, "
                        "e.g. (x+1)/2", "第 {column} 列的 '{token}' 没有对应的左括号——请删除它或补上左括号，例如 (x+1)/2"),
    "unknown_name": ("unknown name {name} at column {column} — the variables here are {variables}, e.g. {example}",
                     "第 {column} 列的名称 {name} 无法识别——这里可用的变量是 {variables}，例如 {example}"),
    "unknown_name_none": ("unknown name {name} at column {column} — this answer takes no variables: type a number, "
                          "e.g. 3/4 or \\sqrt{{2}}", "第 {column} 列的名称 {name} 无法识别——这个答案不含变量：请输入一个数，例如 3/4 或 \\sqrt{{2}}"),
    "unknown_name_template": ("unknown name {name} at column {column} — declare it under params, derived or "
                              "symbols, e.g. symbols: [x]", "第 {column} 列的名称 {name} 无法识别——请在 params、derived 或 "
                              "symbols 中声明它，例如 symbols: [x]"),
    "unknown_name_transpose": ("unknown name T at column {column} — to transpose, write A^T, e.g. [[1,2],[3,4]]^T",
                               "第 {column} 列的名称 T 无法识别——转置请写 A^T，例如 [[1,2],[3,4]]^T"),
    "unknown_name_case": ("unknown name {name} at column {column} — capital and small letters make different names: "
                          "write the variable as given, e.g. {variable}",
                          "第 {column} 列的名称 {name} 无法识别——大小写字母是不同的名称：请按给定的写法输入变量，例如 {variable}"),
    "unknown_name_digits": ("unknown name {name} at column {column} — write a power or a product, e.g. "
                            "{variable}^{digits} or {digits}{variable}",
                            "第 {column} 列的名称 {name} 无法识别——请写成幂或乘积，例如 {variable}^{digits} 或 {digits}{variable}"),
    "function_digits": ("unknown name {name} at column {column} — a function's argument goes in brackets or after a "
                        "space, e.g. {function}({digits}) or {function} {digits}",
                        "第 {column} 列的名称 {name} 无法识别——函数的自变量请写在括号里或空格之后，例如 {function}({digits}) 或 {function} {digits}"),
    "unknown_name_infinity": ("{name} at column {column} is not read — ∞ (\\infty) is understood only as the bound "
                              "of a sum, e.g. \\sum_{{n=1}}^{{\\infty}} 1/2^n",
                              "第 {column} 列的 {name} 无法识别——∞（\\infty）只能作求和的上下限，例如 \\sum_{{n=1}}^{{\\infty}} 1/2^n"),
    "unknown_function": ("unknown function {name} at column {column} — the functions understood are {functions}; "
                         "e.g. sin(x)^2 or \\ln(x)", "第 {column} 列的函数 {name} 无法识别——可用的函数有 {functions}；例如 sin(x)^2 或 \\ln(x)"),
    "unknown_function_transpose": ("{name}(…) at column {column} is not read — to transpose, write A^T, e.g. "
                                   "[[1,2],[3,4]]^T", "第 {column} 列的 {name}(…) 无法识别——转置请写 A^T，例如 [[1,2],[3,4]]^T"),
    "unknown_function_compute": ("{name} at column {column} is not computed here — work it out and type the result, "
                                 "e.g. the number 5 for a determinant of 5", "这里不计算第 {column} 列的 {name}——请算出结果再输入，例如行列式为 5 时输入 5"),
    "needs_argument": ("{name} needs an argument, e.g. {name}(x)", "{name} 需要参数，例如 {name}(x)"),
    "wrong_arg_count": ("{name} takes {expected} {arguments}, got {got} — e.g. {name}({example})",
                        "{name} 需要 {expected} 个参数，但给了 {got} 个——例如 {name}({example})"),
    "too_big": ("{what} is too large to work with here{hint}", "{what}太大，无法在这里计算{hint}"),
    "comparison_not_allowed": ("'{token}' at column {column} is not allowed here — type only the expression, e.g. 2x + 1",
                               "这里不允许使用第 {column} 列的 '{token}'——请只输入表达式，例如 2x + 1"),
    "not_allowed": ("{what} is not allowed here — type only the expression, e.g. 2x + 1",
                    "这里不允许使用 {what}——请只输入表达式，例如 2x + 1"),
    "shape": ("{en}", "{zh}"),
    "not_vector": ("expected a vector like (1, 2)", "应输入一个向量，例如 (1, 2)"),
    "not_matrix": ("expected a matrix like [[1, 2], [3, 4]]", "应输入一个矩阵，例如 [[1, 2], [3, 4]]"),
    "not_set": ("expected a set like {{1, 2}}", "应输入一个集合，例如 {{1, 2}}"),
    "not_number": ("expected a number, e.g. 3/4", "应输入一个数，例如 3/4"),
    "not_expression": ("expected a single expression, not a vector, matrix or set — e.g. 2x + 1",
                       "应输入一个表达式，而不是向量、矩阵或集合——例如 2x + 1"),
    "ragged_matrix": ("the rows of this matrix have different lengths (row {row} has {got} entries, row 1 has "
                      "{expected}) — give every row the same length, e.g. [[1, 2], [3, 4]]",
                      "矩阵各行长度不同（第 {row} 行有 {got} 个元素，第 1 行有 {expected} 个）——每行长度要相同，例如 [[1, 2], [3, 4]]"),
    "division_by_zero": ("division by zero at column {column} — check the denominator, e.g. 1/(x+1)",
                         "第 {column} 列除以零——请检查分母，例如 1/(x+1)"),
    "undefined": ("the value at column {column} is undefined (like 1/0 or log(0)) — check it, e.g. log(1) = 0",
                  "第 {column} 列的值没有定义（例如 1/0 或 log(0)）——请检查，例如 log(1) = 0"),
    "bad_arguments": ("{name} cannot be computed for these arguments (column {column}) — e.g. sqrt(4), log(2)",
                      "无法用这些参数计算 {name}（第 {column} 列）——例如 sqrt(4)、log(2)"),
    "not_bool": ("expected a condition (true or false), e.g. x > 0", "应为一个条件（真或假），例如 x > 0"),
    "undecidable": ("cannot decide whether {what} holds", "无法判定 {what} 是否成立"),
    # LaTeX
    "unknown_command": ("{name} at column {column} is not understood — use the LaTeX understood here, e.g. {understood}",
                        "第 {column} 列的 {name} 无法识别——请使用这里支持的 LaTeX，例如 {understood}"),
    "latex_missing_argument": ("{name} at column {column} needs its argument in braces, e.g. {example}",
                               "第 {column} 列的 {name} 需要用花括号给出参数，例如 {example}"),
    "latex_delimiter": ("{name} at column {column} must be followed by a bracket, not {token} — e.g. \\left( x \\right) "
                        "or \\left| x \\right|", "第 {column} 列的 {name} 后面应是括号，而不是 {token}——例如 \\left( x \\right) 或 \\left| x \\right|"),
    "latex_text": ("{name}{{…}} at column {column} may hold only a word — e.g. \\operatorname{{ReLU}}(x)",
                   "第 {column} 列的 {name}{{…}} 中只能是一个单词——例如 \\operatorname{{ReLU}}(x)"),
    "latex_environment": ("\\begin{{{env}}} at column {column} is not understood — write a matrix as "
                          "e.g. \\begin{{pmatrix}} 1 & 2 \\\\ 3 & 4 \\end{{pmatrix}} (also {understood})",
                          "第 {column} 列的 \\begin{{{env}}} 无法识别——矩阵请写成，例如 \\begin{{pmatrix}} 1 & 2 \\\\ 3 & 4 \\end{{pmatrix}}（也可用 {understood}）"),
    "latex_determinant": ("\\begin{{{env}}} at column {column} is a determinant or norm — work it out and type the "
                          "number, e.g. 5; a matrix is \\begin{{pmatrix}} … \\end{{pmatrix}}",
                          "第 {column} 列的 \\begin{{{env}}} 表示行列式或范数——请算出结果再输入，例如 5；矩阵请用 \\begin{{pmatrix}} … \\end{{pmatrix}}"),
    "latex_unclosed": ("\\begin{{{env}}} at column {column} has no \\end{{{env}}} — close it, e.g. "
                       "\\begin{{{env}}} 1 & 2 \\end{{{env}}}", "第 {column} 列的 \\begin{{{env}}} 缺少 \\end{{{env}}}——请补上，例如 \\begin{{{env}}} 1 & 2 \\end{{{env}}}"),
    "latex_mismatched_end": ("\\end{{{got}}} at column {column} closes \\begin{{{env}}} — write the same name, e.g. \\begin{{{env}}} 1 \\\\ 2 \\end{{{env}}}",
                             "第 {column} 列的 \\end{{{got}}} 与 \\begin{{{env}}} 不配对——请写相同的名称，例如 \\begin{{{env}}} 1 \\\\ 2 \\end{{{env}}}"),
    "latex_stray_end": ("\\end{{{env}}} at column {column} closes nothing — start the matrix with \\begin{{{env}}}, e.g. \\begin{{{env}}} 1 \\\\ 2 \\end{{{env}}}",
                        "第 {column} 列的 \\end{{{env}}} 没有对应的开头——请用 \\begin{{{env}}} 开始矩阵，例如 \\begin{{{env}}} 1 \\\\ 2 \\end{{{env}}}"),
    "latex_empty_matrix": ("the matrix at column {column} is empty — e.g. \\begin{{{env}}} 1 & 2 \\end{{{env}}}",
                           "第 {column} 列的矩阵是空的——例如 \\begin{{{env}}} 1 & 2 \\end{{{env}}}"),
    "latex_outside_matrix": ("{token} at column {column} separates matrix entries and is read only inside "
                             "\\begin{{pmatrix}} … \\end{{pmatrix}} — e.g. \\begin{{pmatrix}} 1 & 2 \\\\ 3 & 4 \\end{{pmatrix}}",
                             "第 {column} 列的 {token} 用来分隔矩阵元素，只能写在 \\begin{{pmatrix}} … \\end{{pmatrix}} 中——例如 \\begin{{pmatrix}} 1 & 2 \\\\ 3 & 4 \\end{{pmatrix}}"),
    "latex_dollar": ("$ at column {column} is not read — leave out the $ signs inside the answer, e.g. x^2 + 1",
                     "第 {column} 列的 $ 无法识别——答案中间不要写 $ 符号，例如 x^2 + 1"),
    "latex_lone_backslash": ("a \\ at column {column} is followed by no command — e.g. \\frac{{3}}{{4}} or \\sqrt{{2}}",
                             "第 {column} 列的 \\ 后面没有命令——例如 \\frac{{3}}{{4}} 或 \\sqrt{{2}}"),
    # Σ and Π
    "sum_bounds": ("the sum or product at column {column} needs its index and bounds — e.g. \\sum_{{i=1}}^{{3}} x_i "
                   "or sum_{{i=1}}^3 x_i^2", "第 {column} 列的求和或连乘需要写出下标和上下限——例如 \\sum_{{i=1}}^{{3}} x_i 或 sum_{{i=1}}^3 x_i^2"),
    "sum_body": ("the {op} at column {column} has nothing to add up — write its terms after it, e.g. "
                 "\\sum_{{i=1}}^{{3}} w_i x_i", "第 {column} 列的 {op} 后面缺少要求和的项——例如 \\sum_{{i=1}}^{{3}} w_i x_i"),
    "sum_whole_bounds": ("the bounds of the sum at column {column} must be whole numbers or a variable of the "
                         "exercise — e.g. \\sum_{{i=1}}^{{n}} i", "第 {column} 列求和的上下限必须是整数或题目中的变量——例如 \\sum_{{i=1}}^{{n}} i"),
    "sum_symbolic_family": ("with a bound that is a variable, the terms of the sum at column {column} may use only "
                            "{index} and the exercise's variables — e.g. \\sum_{{{index}=1}}^{{n}} {index}^2; give "
                            "numeric bounds for x_{index}", "第 {column} 列的求和上下限是变量时，各项只能使用 {index} 和题目中的变量——例如 \\sum_{{{index}=1}}^{{n}} {index}^2；使用 x_{index} 时请给出数值上下限"),
    "sum_member": ("the sum at column {column} reaches {name}, which is not a variable here (the variables are "
                   "{variables}) — check its bounds, e.g. \\sum_{{i=1}}^{{3}}", "第 {column} 列的求和用到了 {name}，但它不是这里的变量（变量有 {variables}）——请检查上下限，例如 \\sum_{{i=1}}^{{3}}"),
    "sum_open": ("a sum or product up to a variable can be checked only as a single expression — write its "
                 "closed form, e.g. n(n+1)/2 for \\sum_{{k=1}}^{{n}} k", "上限为变量的求和或连乘只能作为单个表达式检查——请写出它的闭式，例如 \\sum_{{k=1}}^{{n}} k 写成 n(n+1)/2"),
    "index_outside": ("{name} at column {column} uses the index {index} outside its sum — keep it in the sum's "
                      "terms, e.g. \\sum_{{i=1}}^{{3}} (x_i + 1)", "第 {column} 列的 {name} 在求和之外使用了下标 {index}——请写在求和的项里，例如 \\sum_{{i=1}}^{{3}} (x_i + 1)"),
    "infinity_here": ("∞ at column {column} is understood only as the bound of a sum — e.g. \\sum_{{n=1}}^{{\\infty}} "
                      "1/2^n; for a value, type the number", "第 {column} 列的 ∞ 只能作求和的上下限——例如 \\sum_{{n=1}}^{{\\infty}} 1/2^n；若是数值请直接输入数"),
    # notations refused with advice
    "inverse_function": ("{name}^-1 at column {column} is ambiguous — for 1/{name}(x) write e.g. 1/{name}(x) or "
                         "{name}(x)^(-1)", "第 {column} 列的 {name}^-1 有歧义——表示 1/{name}(x) 请写，例如 1/{name}(x) 或 "
                         "{name}(x)^(-1)"),
    "inverse_function_named": ("{name}^-1 at column {column} is ambiguous — type what you mean, e.g. {inverse}(x) for "
                               "the inverse function, or 1/{name}(x) (also {name}(x)^(-1)) for the reciprocal",
                               "第 {column} 列的 {name}^-1 有歧义——请写明你的意思，例如反函数写 {inverse}(x)，倒数写 "
                               "1/{name}(x)（或 {name}(x)^(-1)）"),
    "prime": ("the prime ' at column {column} is read only on the left of = (e.g. {name}'(x) = 2x) — type the "
              "derivative itself, e.g. 2x", "第 {column} 列的撇号 ' 只能用在等号左边（例如 {name}'(x) = 2x）——请直接写出导数，例如 2x"),
    "derivative_operator": ("d/d… at column {column} asks for a derivative, which is yours to work out — type the "
                            "derivative itself, e.g. 2x (on the left of = it may name it: dy/dx = 2x)",
                            "第 {column} 列的 d/d… 表示求导，而导数正需要你算出——请直接写出导数，例如 2x（写在等号左边可以用来命名：dy/dx = 2x）"),
    "inner_product_typed": ("the inner product at column {column} is yours to work out — multiply matching "
                            "components, add them up and type the number, e.g. 7",
                            "第 {column} 列的内积需要你自己算出——把对应分量相乘再相加，输入得到的数，例如 7"),
    "prime_sigma": ("σ' at column {column} is what to work out — write it with σ itself, e.g. σ(x)(1 - σ(x))",
                    "第 {column} 列的 σ' 正是要求的——请用 σ 本身写出，例如 σ(x)(1 - σ(x))"),
    "partial": ("∂ at column {column} is read only on the left of = (e.g. ∂f/∂x = 2x) — type the derivative "
                "itself, e.g. 2x", "第 {column} 列的 ∂ 只能用在等号左边（例如 ∂f/∂x = 2x）——请直接写出导数，例如 2x"),
    "integral": ("∫ at column {column} is not computed here — work out the integral and type the result, e.g. x^2/2",
                 "这里不计算第 {column} 列的积分 ∫——请算出结果再输入，例如 x^2/2"),
    "ellipsis": ("… at column {column} cannot be read — write every term, or a sum, e.g. \\sum_{{i=1}}^{{3}} x_i",
                 "第 {column} 列的 … 无法识别——请写出每一项，或写成求和，例如 \\sum_{{i=1}}^{{3}} x_i"),
    "ime_caret": ("{token} at column {column} is what the ^ key types with Chinese punctuation on — switch to "
                  "English punctuation and type ^ for a power, e.g. x^2",
                  "第 {column} 列的 {token} 是中文标点状态下按 ^ 键打出的——请切换到英文标点，用 ^ 表示乘方，例如 x^2"),
    "ime_underscore": ("{token} at column {column} is what the _ key types with Chinese punctuation on — switch to "
                       "English punctuation and type _ for a subscript, e.g. x_1, or - for minus",
                       "第 {column} 列的 {token} 是中文标点状态下按 _ 键打出的——请切换到英文标点，用 _ 表示下标，例如 x_1，减号请用 -"),
    "approximately": ("≈ at column {column} is not needed — type just the value: a decimal is compared to within a "
                      "tolerance, e.g. 0.25 rather than ≈ 0.25",
                      "第 {column} 列的 ≈ 不用输入——只输入数值即可，小数会在误差范围内比较，例如输入 0.25 而不是 ≈ 0.25"),
    "angle_brackets": ("{token} at column {column}: angle brackets are not read — write a vector in round brackets, "
                       "e.g. (1, 2), and an inner product with a dot, e.g. a·b",
                       "第 {column} 列的 {token}：尖括号无法识别——向量请写在圆括号里，例如 (1, 2)；内积请用点乘，例如 a·b"),
    "decimal_ellipsis": ("{token} at column {column} after a number: a decimal that goes on is not read — type a "
                         "fraction, e.g. 1/3, or round it, e.g. 0.333", "第 {column} 列数字后的 {token}：无限小数无法识别——请输入分数，"
                         "例如 1/3，或四舍五入，例如 0.333"),
    "transpose_mark": ("⊤ at column {column} transposes only as a power — write A^T or A^\\top, e.g. [[1,2],[3,4]]^T",
                       "第 {column} 列的 ⊤ 只能写成上标表示转置——请写 A^T 或 A^\\top，例如 [[1,2],[3,4]]^T"),
    "composition": ("∘ at column {column} is not read — for the entrywise product write ⊙ (\\odot), e.g. a ⊙ b; "
                    "for a composition write f(g(x))", "第 {column} 列的 ∘ 无法识别——逐元素乘积请写 ⊙（\\odot），例如 a ⊙ b；复合函数请写 f(g(x))"),
    "vector_length_typed": ("the length |…| of a vector at column {column} is yours to work out — add up the squares of "
                            "its components, take the square root and type the number, e.g. 2sqrt(3)",
                            "第 {column} 列的向量长度 |…| 需要你自己算出——把各分量的平方相加再开平方，输入得到的数，例如 2sqrt(3)"),
    "norm": ("‖ at column {column} is not read — write the norm out, e.g. sqrt(x_1^2 + x_2^2)",
             "第 {column} 列的 ‖ 无法识别——请写出范数，例如 sqrt(x_1^2 + x_2^2)"),
    # left-hand sides
    "lhs_not_a_name": ("the left side of = at column {column} should name what you give, e.g. y = 2x or "
                       "f'(x) = 2x — or type only the right-hand side, e.g. 2x",
                       "第 {column} 列等号左边应写出所求的名称，例如 y = 2x 或 f'(x) = 2x——也可以只写右边，例如 2x"),
    "lhs_mismatch": ("the left side {given} (before column {column}) names something other than what is asked "
                     "({expected}) — write e.g. {example} = … or only the right-hand side",
                     "等号左边（第 {column} 列之前）的 {given} 不是所求的量（{expected}）——例如请写 {example} = … 或只写右边"),
    "lhs_is_variable": ("{given} = … at column {column} is an equation in the variable {given} — type only the "
                        "expression, e.g. 2{given} + 1", "第 {column} 列的 {given} = … 是关于变量 {given} 的方程——请只输入表达式，例如 2{given} + 1"),
    "lhs_twice": ("a second = at column {column} — give one answer, e.g. a_n = 3 - 2^(n-1)",
                  "第 {column} 列出现了第二个 =——请只给出一个答案，例如 a_n = 3 - 2^(n-1)"),
}
TOO_BIG_HINTS: dict[str, dict[str, str]] = {  # what to do, by the cause of a ``too_big`` (its ``hint`` param)
    "power": {"en": " — simplify it by hand first, e.g. 2^10 rather than 2^(10^10)",
              "zh": "——请先手工化简，例如写 2^10 而不是 2^(10^10)"},
    "exponential": {"en": " — check the exponent, e.g. exp(10) rather than exp(exp(10))",
                    "zh": "——请检查指数，例如写 exp(10) 而不是 exp(exp(10))"},
    "number": {"en": " — the answers here are far smaller numbers: check it, e.g. 1.5e-3 or 2.4e5",
               "zh": "——这里的答案是小得多的数：请检查，例如 1.5e-3 或 2.4e5"},
    "factorial": {"en": " — factorials here are of small whole numbers, e.g. 5! = 120",
                  "zh": "——这里的阶乘只用于较小的整数，例如 5! = 120"},
    "alternatives": {"en": " — list the values as a set instead, e.g. {1, -1, 2, -2}",
                     "zh": "——请改为把各个值写成集合，例如 {1, -1, 2, -2}"},
    "matrix": {"en": " — the vectors and matrices here are small: check the size, e.g. [[1, 2], [3, 4]]",
               "zh": "——这里的向量和矩阵都很小：请检查大小，例如 [[1, 2], [3, 4]]"},
    "matrix_power": {"en": " — work out a smaller power, e.g. A^2 = A·A, and type the matrix",
                     "zh": "——请算出较小的幂，例如 A^2 = A·A，再输入矩阵"},
    "sum": {"en": " — write its closed form, e.g. n(n+1)/2 for \\sum_{k=1}^{n} k",
            "zh": "——请写出它的闭式，例如 \\sum_{k=1}^{n} k 写成 n(n+1)/2"},
    "exercise_matrix": {"en": " — use a smaller matrix in the exercise file, e.g. 3×3",
                        "zh": "——请在题目文件中使用更小的矩阵，例如 3×3"},
    "exercise_sum": {"en": " — use fewer terms in the exercise file, e.g. sum(k, k, 1, 100)",
                     "zh": "——请在题目文件中减少项数，例如 sum(k, k, 1, 100)"},
}
_INFINITY_WORDS = {"inf", "infty", "infinity", "oo"}
_FUNCTION_ADVICE = {"transpose": "unknown_function_transpose", "det": "unknown_function_compute",
                    "lim": "unknown_function_compute", "diff": "unknown_function_compute",
                    "integrate": "unknown_function_compute", "norm": "unknown_function_compute",
                    "trace": "unknown_function_compute", "tr": "unknown_function_compute"}
_SHAPE_ADVICE = (  # (start of the English message, advice en, advice zh): what to type instead
    ("cannot", "set", " — braces { } make a set; to group, use ( ), e.g. 2^(n-1) or x^{n-1}",
     "——花括号 { } 表示集合；分组请用 ( )，例如 2^(n-1) 或 x^{n-1}"),
    ("cannot", "", " — vectors and matrices combine only when their shapes fit, e.g. (1, 2) + (3, 4)",
     "——向量和矩阵只有形状匹配时才能运算，例如 (1, 2) + (3, 4)"),
    ("only a vector or matrix can be transposed", "", " — e.g. [[1,2],[3,4]]^T", "——例如 [[1,2],[3,4]]^T"),
    ("the entries of a vector", "", " — e.g. [[1, 2], [3, 4]]", "——例如 [[1, 2], [3, 4]]"),
    ("the elements of a set", "", " — e.g. {1, -1}", "——例如 {1, -1}"),
)
_ARG_EXAMPLES = {"log": "x, 2", "max": "a, b", "min": "a, b", "root": "x, 3", "sum": "k^2, k, 1, n"}


class ParseError(ValueError):
    """Text could not be read. `code` says why, `column` (1-based) where, `params` fill the message."""

    def __init__(self, code: str, column: int | None = None, params: dict[str, Any] | None = None):
        self.code = code
        self.column = column
        self.params = dict(params or {})
        super().__init__(self.message("en"))

    def message(self, lang: str = "en") -> str:
        """The message in `lang` ("en" or "zh"; anything else falls back to English)."""
        code = self.code
        params = dict(self.params)
        if code == "unknown_name":
            code = _unknown_name_code(params)
        elif code in ("unknown_function", "needs_argument") and params.get("name") in _FUNCTION_ADVICE:
            code = _FUNCTION_ADVICE[params["name"]]
        elif code == "inverse_function" and params.get("inverse"):
            code = "inverse_function_named"
        if code == "unknown_function":
            params.setdefault("functions", FUNCTIONS_UNDERSTOOD)
        if code == "too_big":
            params["hint"] = TOO_BIG_HINTS.get(str(params.get("hint")), TOO_BIG_HINTS["power"])
        if code == "wrong_arg_count":
            params.setdefault("example", _ARG_EXAMPLES.get(str(params.get("name")), "x"))
            params["arguments"] = "argument" if str(params.get("expected")) == "1" else "arguments"
        if code == "shape" and not params:
            params = {"en": "these shapes do not fit together", "zh": "这些形状不匹配"}
        if code == "shape":
            params = _with_shape_advice(params)
        templates = MESSAGES.get(code)
        if templates is None:
            return f"{code} (column {self.column})" if self.column else code
        template = templates[1] if lang == "zh" else templates[0]
        params.setdefault("column", self.column if self.column is not None else "?")
        for key, value in list(params.items()):
            if isinstance(value, dict) and ("en" in value or "zh" in value):
                params[key] = value.get(lang, value.get("en", ""))
        try:
            return template.format(**params)
        except (KeyError, IndexError, ValueError):
            return template

    def __str__(self) -> str:
        return self.message("en")

    def to_dict(self) -> dict[str, Any]:
        """{code, column} for a verdict's details."""
        return {"code": self.code, "column": self.column}

    def __reduce__(self):  # picklable across worker processes
        return (ParseError, (self.code, self.column, self.params))


def _unknown_name_code(params: dict[str, Any]) -> str:
    """Which unknown-name message fits (and fills its ``variables`` and ``example``)."""
    name = str(params.get("name", ""))
    names = params.get("variables") or []
    if name in _INFINITY_WORDS:
        return "unknown_name_infinity"
    if name == "T":
        return "unknown_name_transpose"
    if not names:
        return "unknown_name_none"
    names = list(names) if isinstance(names, (list, tuple)) else [str(names)]
    same_letters = [v for v in names if v.casefold() == name.casefold()]
    if same_letters:   # X for x
        params["variable"] = same_letters[0]
        return "unknown_name_case"
    letters = name.rstrip("0123456789")
    if letters != name and letters in names:   # x2 for x^2 (or 2x)
        params.update(variable=letters, digits=name[len(letters):])
        return "unknown_name_digits"
    params["variables"] = ", ".join(names)
    params.setdefault("example", f"3{names[0]}^2" + (f" + {names[1]}" if len(names) > 1 else ""))
    return "unknown_name"


def _with_shape_advice(params: dict[str, Any]) -> dict[str, Any]:
    """A learner-facing shape message with what to type instead (author-facing ones stay as they are)."""
    en, zh = str(params.get("en", "")), str(params.get("zh", ""))
    for start, needs, advice_en, advice_zh in _SHAPE_ADVICE:
        if en.startswith(start) and needs in en:
            return {**params, "en": en + advice_en, "zh": zh + advice_zh}
    return params

