"""What each page states, computed once.

Every page of the book has one function here that returns a typed record of its
findings (:mod:`planbook.findings.record`): numbers with their unit, precision, grade and
vintage, and ready phrases written by the rules of :mod:`planbook.base.phrasing`. A page
glues its record with one call; a statement two pages make (the front page and a
chapter) comes from the same function, so the two cannot disagree.

==================  ===========================================  ==============================
page                function                                     module
==================  ===========================================  ==============================
front page          :func:`intro_findings`                       ``intro``
method              :func:`method_findings`                      ``appendix``
the two cities      :func:`cities_findings`                      ``cities``
framework chapter   :func:`framework_findings`                   ``framework``
cluster chapter     :func:`cluster_findings`                     ``clusters``
2023 review         :func:`review_findings`                      ``review``
Suzhou chapter      :func:`upgrading_findings`                   ``upgrading``
comparison          :func:`comparison_findings`                  ``comparison``
data appendix       :func:`appendix_findings`                    ``appendix``
==================  ===========================================  ==============================

Shared pieces: a plan's verdict summary (``plans``), the economies (``economy``),
each year's targets (``annual``), word rates (``vocabulary``).
"""
