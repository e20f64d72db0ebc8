<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Printing</name>
    <message>
        <location filename="../../workstation/ui/printing.py" line="249"/>
        <source>Print “{0}”</source>
        <translation>打印《{0}》</translation>
    </message>
    <message>
        <location filename="../../workstation/ui/printing.py" line="296"/>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
</context>
</TS>
