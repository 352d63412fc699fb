// XLIFF documents written for lovcen's tests: between them every inline code
// kind of each version, nested <g>, segmented units, translate="no", notes,
// candidates and foreign namespaces. Both are valid against the official
// schemas (1.2 transitional, 2.0 core) and lovcen's own rules.
#pragma once

namespace lovcen::testing {

inline constexpr const char* kXliff12Sample = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"
       xmlns:sdl="http://sdl.com/FileTypes/SdlXliff/1.0" xmlns:news="urn:example:newsroom">
  <file original="story-4711.html" source-language="en" target-language="de" datatype="html"
        tool-id="cms" sdl:file-id="f-17">
    <header>
      <tool tool-id="cms" tool-name="Newsroom CMS"/>
      <note from="desk">Deadline 18:00</note>
      <sdl:ref-files><sdl:ref-file uid="1" name="style.css"/></sdl:ref-files>
    </header>
    <body>
      <trans-unit id="title" resname="headline" sdl:locked="false">
        <source>Parliament passes <g id="1" ctype="bold">the <g id="2" ctype="italic">new</g> budget</g></source>
        <target state="translated" state-qualifier="exact-match">Parlament verabschiedet <g id="1" ctype="bold">den <g id="2" ctype="italic">neuen</g> Haushalt</g></target>
        <note from="editor" priority="2">Keep it short.</note>
        <alt-trans match-quality="87%" origin="tm:main" alttranstype="proposal">
          <source>Parliament passes the budget</source>
          <target>Das Parlament verabschiedet den Haushalt</target>
        </alt-trans>
        <alt-trans match-quality="high" origin="mt:engine">
          <target>Parlament billigt das neue Budget</target>
        </alt-trans>
        <news:desk-info news:priority="1">politics</news:desk-info>
      </trans-unit>
      <group id="body" restype="x-paragraphs">
        <note>Body paragraphs</note>
        <trans-unit id="p1" xml:space="preserve">
          <source>Read <x id="3" ctype="image"/> the <bx id="4" rid="r4" ctype="x-link"/>report<ex id="5" rid="r4"/> and <ph id="6" ctype="x-var">{count}<sub>items</sub></ph> more.</source>
          <seg-source><mrk mtype="seg" mid="1">Read <x id="3" ctype="image"/> the <bx id="4" rid="r4" ctype="x-link"/>report<ex id="5" rid="r4"/> and <ph id="6" ctype="x-var">{count}<sub>items</sub></ph> more.</mrk></seg-source>
          <target state="needs-review-translation" state-qualifier="fuzzy-match"><mrk mtype="seg" mid="1">Lesen Sie <x id="3" ctype="image"/> den <bx id="4" rid="r4" ctype="x-link"/>Bericht<ex id="5" rid="r4"/> und <ph id="6" ctype="x-var">{count}<sub>Posten</sub></ph> mehr.</mrk></target>
        </trans-unit>
        <trans-unit id="p2">
          <source>First sentence with <bpt id="7">&lt;b&gt;</bpt>bold<ept id="7">&lt;/b&gt;</ept>. Second <it id="8" pos="open">&lt;i&gt;</it>one.</source>
          <seg-source><mrk mtype="seg" mid="s1">First sentence with <bpt id="7">&lt;b&gt;</bpt>bold<ept id="7">&lt;/b&gt;</ept>.</mrk> <mrk mtype="seg" mid="s2">Second <it id="8" pos="open">&lt;i&gt;</it>one.</mrk></seg-source>
          <target state="final"><mrk mtype="seg" mid="s1">Erster Satz mit <bpt id="7">&lt;b&gt;</bpt>fett<ept id="7">&lt;/b&gt;</ept>.</mrk> <mrk mtype="seg" mid="s2">Zweiter <it id="8" pos="open">&lt;i&gt;</it>Satz.</mrk></target>
          <alt-trans mid="s2" match-quality="100" origin="tm:main">
            <source>Second <it id="8" pos="open">&lt;i&gt;</it>one.</source>
            <target>Zweiter <it id="8" pos="open">&lt;i&gt;</it>Satz.</target>
          </alt-trans>
          <sdl:seg-defs><sdl:seg id="s1" conf="Translated"/><sdl:seg id="s2" conf="ApprovedTranslation" locked="true"/></sdl:seg-defs>
        </trans-unit>
        <trans-unit id="byline" translate="no">
          <source>By <mrk mtype="protected">Ana Vuković</mrk>, Podgorica</source>
          <target>By <mrk mtype="protected">Ana Vuković</mrk>, Podgorica</target>
          <note annotates="source">Names are never translated</note>
        </trans-unit>
        <trans-unit id="p3">
          <source>Untranslated yet: <g id="9">nested <g id="10">deeper <x id="11"/></g></g> end.</source>
        </trans-unit>
      </group>
      <bin-unit id="photo" mime-type="image/jpeg">
        <bin-source><external-file href="photo.jpg"/></bin-source>
      </bin-unit>
    </body>
  </file>
</xliff>
)";

inline constexpr const char* kXliff21Sample = R"(<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="de"
       xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0"
       xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"
       xmlns:fs="urn:oasis:names:tc:xliff:fs:2.0"
       xmlns:news="urn:example:newsroom" news:edition="evening">
  <file id="f1" original="story-4711.html">
    <news:routing news:desk="politics">web</news:routing>
    <notes>
      <note id="n1" category="desk">Deadline 18:00</note>
    </notes>
    <unit id="title" name="headline" news:slot="top">
      <mtc:matches>
        <mtc:match id="m1" ref="#s1" similarity="87" matchQuality="90" origin="tm:main" type="tm">
          <source>Parliament passes the budget</source>
          <target>Das Parlament verabschiedet den Haushalt</target>
        </mtc:match>
        <mtc:match id="m2" ref="#s1" origin="mt:engine" type="mt">
          <source>Parliament passes the new budget</source>
          <target>Parlament billigt das neue Budget</target>
        </mtc:match>
      </mtc:matches>
      <notes>
        <note id="n2" appliesTo="target" priority="2">Keep it short.</note>
      </notes>
      <segment id="s1" state="translated" subState="news:exact">
        <source>Parliament passes <pc id="1" type="fmt" subType="xlf:b" fs:fs="b">the <pc id="2" fs:fs="i">new</pc> budget</pc></source>
        <target>Parlament verabschiedet <pc id="1" type="fmt" subType="xlf:b" fs:fs="b">den <pc id="2" fs:fs="i">neuen</pc> Haushalt</pc></target>
      </segment>
    </unit>
    <group id="body" name="paragraphs">
      <mda:metadata>
        <mda:metaGroup category="layout"><mda:meta type="columns">2</mda:meta></mda:metaGroup>
      </mda:metadata>
      <unit id="p1">
        <originalData>
          <data id="d1">&lt;img src="chart.png"/&gt;</data>
          <data id="d2">&lt;a href="/report"&gt;</data>
          <data id="d3">&lt;/a&gt;</data>
          <data id="d4">&lt;br/&gt;</data>
        </originalData>
        <segment id="s1" state="reviewed">
          <source>Read <ph id="3" dataRef="d1" canCopy="no" canDelete="no"/> the <sc id="4" dataRef="d2" canReorder="firstNo" canCopy="no" canDelete="no"/>report.</source>
          <target>Lesen Sie <ph id="3" dataRef="d1" canCopy="no" canDelete="no"/> den <sc id="4" dataRef="d2" canReorder="firstNo" canCopy="no" canDelete="no"/>Bericht.</target>
        </segment>
        <ignorable>
          <source> </source>
          <target> </target>
        </ignorable>
        <segment id="s2" state="translated">
          <source>It says<ec startRef="4" dataRef="d3" canReorder="no" canCopy="no" canDelete="no"/> more<cp hex="0003"/><ph id="5" dataRef="d4"/>.</source>
          <target>Er sagt<ec startRef="4" dataRef="d3" canReorder="no" canCopy="no" canDelete="no"/> mehr<cp hex="0003"/><ph id="5" dataRef="d4"/>.</target>
        </segment>
      </unit>
      <unit id="p2">
        <segment id="s1" state="final">
          <source><sm id="a1" type="term" ref="#/f=f1/u=p2/s1"/>Budget<em startRef="a1"/> talks <mrk id="a2" type="comment" value="check figure">resume</mrk>.</source>
          <target><sm id="a1" type="term" ref="#/f=f1/u=p2/s1"/>Haushalts<em startRef="a1"/>gespräche <mrk id="a2" type="comment" value="check figure">beginnen</mrk> wieder.</target>
        </segment>
      </unit>
      <unit id="byline" translate="no">
        <segment id="s1">
          <source>By <mrk id="a3" translate="no">Ana Vuković</mrk>, Podgorica</source>
          <target>By <mrk id="a3" translate="no">Ana Vuković</mrk>, Podgorica</target>
        </segment>
      </unit>
      <unit id="p3">
        <segment id="s1" state="initial">
          <source>Isolated <sc id="6" isolated="yes"/>start and end<ec id="7" isolated="yes"/>.</source>
        </segment>
      </unit>
    </group>
  </file>
</xliff>
)";

}  // namespace lovcen::testing
