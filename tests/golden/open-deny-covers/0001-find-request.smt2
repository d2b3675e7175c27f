; linkproof solver query 1: find-request
; answer: unsat
; limits per check: time 10000 ms, resource unlimited
; 
(set-info :status unknown)
(declare-fun |action#exact| () Int)
(declare-fun |action#1| () Bool)
(declare-fun |action#0| () Bool)
(declare-fun |resource#exact| () Int)
(declare-fun |resource#1| () Bool)
(declare-fun |resource#2| () Bool)
(declare-fun |resource#0| () Bool)
(declare-fun principal () Int)
(declare-fun |bool:acs:securetransport#0| () Bool)
(declare-fun |ok:acs:securetransport#0| () Bool)
(declare-fun |present:acs:securetransport| () Bool)
(declare-fun |goal#0| () Bool)
(assert
 (>= |action#exact| (- 1)))
(assert
 (not (>= |action#exact| 1)))
(assert
 (or |action#0| (not |action#1|)))
(assert
 (>= |resource#exact| (- 1)))
(assert
 (not (>= |resource#exact| 0)))
(assert
 |resource#1|)
(assert
 (or |resource#0| (not |resource#2|)))
(assert
 (>= principal 0))
(assert
 (not (>= principal 1)))
(assert
 (let (($x58 (= |resource#exact| (- 1))))
 (let (($x35 (= |action#exact| 0)))
 (let (($x33 (= |action#exact| (- 1))))
 (let (($x106 (not $x33)))
 (let (($x117 (and $x106 $x35 $x58 |resource#1|)))
 (let (($x113 (ite $x33 |action#1| $x35)))
 (let (($x116 (and $x113 $x58 |resource#1| |present:acs:securetransport| |ok:acs:securetransport#0| (not |bool:acs:securetransport#0|))))
 (let (($x119 (not (or $x116 $x117))))
 (let (($x110 (ite $x33 |action#0| $x35)))
 (let (($x121 (and $x106 $x35 $x58 |resource#2| $x110 |resource#0| $x119)))
 (or (not |goal#0|) $x121))))))))))))
(check-sat-assuming (|goal#0|))
